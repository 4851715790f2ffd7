import { logs } from "@opentelemetry/api";
import { logs as apiLogs } from "@opentelemetry/api-logs";
import { type Instrumentation, registerInstrumentations } from "@opentelemetry/instrumentation";
import { LoggerProvider } from "@opentelemetry/sdk-logs";

export interface StockInstrumentation {
  /** OpenTelemetry log records the instrumentation sent (counted, then dropped). */
  emitted(): number;
}

/**
 * Enables a stock `@opentelemetry/instrumentation-*` logger instrumentation as an agent sets it
 * up, for benchmarks: its log records go to an SDK LoggerProvider whose processor counts and drops
 * them, so only the instrumentation's own cost is measured. The provider is registered with both
 * the api and api-logs registries (instrumentations emit through either). Logger copies loaded
 * from here on (see freshCopy) go through its require hook and are patched.
 */
export function enableStockInstrumentation(instrumentation: Instrumentation): StockInstrumentation {
  let emitted = 0;
  const provider = new LoggerProvider({
    processors: [
      {
        onEmit() {
          emitted++;
        },
        forceFlush: async () => {},
        shutdown: async () => {},
      },
    ],
  });
  logs.setGlobalLoggerProvider(provider);
  apiLogs.setGlobalLoggerProvider(provider);
  registerInstrumentations({ instrumentations: [instrumentation] });
  return { emitted: () => emitted };
}
