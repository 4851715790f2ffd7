import { register } from "node:module";
import { getNodeAutoInstrumentations } from "@opentelemetry/auto-instrumentations-node";
import { NodeSDK } from "@opentelemetry/sdk-node";

// Lets the instrumentations patch what the app loads with `import`, not only with `require`.
register("@opentelemetry/instrumentation/hook.mjs", import.meta.url);

// Exporter, endpoint, service name and sampler come from the usual OTEL_* variables.
const sdk = new NodeSDK({ instrumentations: [getNodeAutoInstrumentations()] });
sdk.start();

// Send the spans still buffered before the process ends.
process.once("SIGTERM", () => void sdk.shutdown());
