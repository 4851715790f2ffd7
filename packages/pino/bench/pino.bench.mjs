// pnpm bench: per-log cost of @logtrace/pino against plain pino and the stock
// @opentelemetry/instrumentation-pino, in one process, pino 10, in-memory destination.
import { createRequire } from "node:module";
import { traceMixin, withTraceContext } from "@logtrace/pino";
import {
  ByteCountingSink,
  formatBenchTable,
  meetsTargets,
  runBench,
  startTracing,
} from "@logtrace/testkit";
import { logs } from "@opentelemetry/api";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { PinoInstrumentation } from "@opentelemetry/instrumentation-pino";
import { LoggerProvider } from "@opentelemetry/sdk-logs";

const require = createRequire(import.meta.url);
const tracing = startTracing();
const inSpan = (batch) => tracing.inSpan(batch);

// The plain copy is loaded before the stock instrumentation is enabled, so it stays unpatched.
const plainPino = require("pino10");
const pinoDir = require.resolve("pino10").replace(/pino\.js$/, "");

// Stock instrumentation, as an agent sets it up: log records go to an SDK LoggerProvider (whose
// processor drops them, so only the instrumentation's own cost is measured).
logs.setGlobalLoggerProvider(
  new LoggerProvider({
    processors: [{ onEmit() {}, forceFlush: async () => {}, shutdown: async () => {} }],
  }),
);
const stock = new PinoInstrumentation();
registerInstrumentations({ instrumentations: [stock] });
// Load the same pino files again, now through the instrumentation's require hook.
for (const file of Object.keys(require.cache))
  if (file.startsWith(pinoDir)) delete require.cache[file];
const patchedPino = require("pino10");
if (patchedPino === plainPino) throw new Error("could not load a separately patched pino copy");
const version = require("pino10/package.json").version;

const message = "request completed";
const fields = { user: "u-42", route: "/orders/:id", status: 200 };
function cases() {
  const logger = (factory, options) => factory(options, new ByteCountingSink()).child({ reqId: 7 });
  const plain = logger(plainPino, {});
  const ours = logger(plainPino, withTraceContext());
  const mixin = logger(plainPino, { mixin: traceMixin() });
  stock.setConfig({ disableLogSending: false });
  const stockDefault = logger(patchedPino, {});
  stock.setConfig({ disableLogSending: true });
  const stockNoSending = logger(patchedPino, {});
  const log = (l) => (i) => l.info({ ...fields, i }, message);
  return [
    { name: "plain pino, active span", op: log(plain), around: inSpan },
    { name: "@logtrace/pino withTraceContext, active span", op: log(ours), around: inSpan },
    { name: "@logtrace/pino withTraceContext, no span", op: log(ours) },
    { name: "@logtrace/pino traceMixin, active span", op: log(mixin), around: inSpan },
    {
      name: "stock instrumentation-pino (defaults), active span",
      op: log(stockDefault),
      around: inSpan,
    },
    {
      name: "stock instrumentation-pino (log sending off), active span",
      op: log(stockNoSending),
      around: inSpan,
    },
  ];
}

const targets = {
  "@logtrace/pino withTraceContext, active span": 1.5,
  "@logtrace/pino withTraceContext, no span": 1.05,
};
const results = runBench(cases());
console.log(
  `pino ${version}, Node ${process.version}, in-memory destination, median of 15 rounds\n`,
);
console.log(formatBenchTable(results, "plain pino, active span", targets));
if (!meetsTargets(results, "plain pino, active span", targets)) {
  console.log("\nA target was missed on this run (noisy machine? run again on an idle one).");
  process.exitCode = 1;
}
await tracing.shutdown();
