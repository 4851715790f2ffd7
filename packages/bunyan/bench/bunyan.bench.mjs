// pnpm bench: per-log cost of @logtrace/bunyan against plain bunyan and the stock
// @opentelemetry/instrumentation-bunyan, in one process, in-memory destination. The stock
// instrumentation only supports bunyan < 2, so the comparison runs on bunyan 1.8; a second
// table repeats ours against plain on bunyan 2 (where the stock one adds nothing).
import { withTraceContext } from "@logtrace/bunyan";
import {
  ByteCountingSink,
  enableStockInstrumentation,
  formatBenchTable,
  freshCopy,
  meetsTargets,
  runBench,
  startTracing,
} from "@logtrace/testkit";
import { BunyanInstrumentation } from "@opentelemetry/instrumentation-bunyan";

const tracing = startTracing();
const inSpan = (batch) => tracing.inSpan(batch);

// The plain copies are loaded before the stock instrumentation is enabled, so they stay unpatched.
const plainBunyan1 = freshCopy(import.meta.url, "bunyan1");
const plainBunyan2 = freshCopy(import.meta.url, "bunyan2");
// The stock instrumentation, as an agent sets it up; the same bunyan 1 files loaded again go
// through its require hook.
const stock = new BunyanInstrumentation();
const stockRecords = enableStockInstrumentation(stock);
const patchedBunyan1 = freshCopy(import.meta.url, "bunyan1");
const version1 = freshCopy(import.meta.url, "bunyan1/package.json").version;
const version2 = freshCopy(import.meta.url, "bunyan2/package.json").version;

const message = "request completed";
const fields = { user: "u-42", route: "/orders/:id", status: 200 };
const logger = (bunyan, options) =>
  bunyan
    .createLogger({ name: "bench", ...options, streams: [{ stream: new ByteCountingSink() }] })
    .child({ reqId: 7 });
const log = (l) => (i) => l.info({ ...fields, i }, message);

function bunyan1Cases() {
  const plain = logger(plainBunyan1, {});
  const ours = logger(plainBunyan1, withTraceContext({ name: "bench" }));
  stock.setConfig({ disableLogSending: false });
  const stockDefault = logger(patchedBunyan1, {});
  stock.setConfig({ disableLogSending: true });
  const stockNoSending = logger(patchedBunyan1, {});
  // The floor for any approach: the same three fields, passed by the caller to plain bunyan.
  const threeFields = {
    trace_id: "0af7651916cd43dd8448eb211c80319c",
    span_id: "b7ad6b7169203331",
    trace_flags: "01",
  };
  const plainWithFields = logger(plainBunyan1, {});
  return [
    { name: "plain bunyan, active span", op: log(plain), around: inSpan },
    {
      name: "plain bunyan, the 3 fields passed by the caller",
      op: (i) => plainWithFields.info({ ...fields, i, ...threeFields }, message),
      around: inSpan,
    },
    { name: "@logtrace/bunyan withTraceContext, active span", op: log(ours), around: inSpan },
    { name: "@logtrace/bunyan withTraceContext, no span", op: log(ours) },
    {
      name: "stock instrumentation-bunyan (defaults), active span",
      op: log(stockDefault),
      around: inSpan,
    },
    {
      name: "stock instrumentation-bunyan (log sending off), active span",
      op: log(stockNoSending),
      around: inSpan,
    },
  ];
}

function bunyan2Cases() {
  const plain = logger(plainBunyan2, {});
  const ours = logger(plainBunyan2, withTraceContext({ name: "bench" }));
  return [
    { name: "plain bunyan 2, active span", op: log(plain), around: inSpan },
    { name: "@logtrace/bunyan on bunyan 2, active span", op: log(ours), around: inSpan },
    { name: "@logtrace/bunyan on bunyan 2, no span", op: log(ours) },
  ];
}

const header = (version) =>
  `bunyan ${version}, Node ${process.version}, in-memory destination, child logger, median of 15 rounds\n`;
let missed = false;
const tables = [
  {
    version: version1,
    cases: bunyan1Cases(),
    baseline: "plain bunyan, active span",
    targets: {
      "@logtrace/bunyan withTraceContext, active span": 1.2,
      "@logtrace/bunyan withTraceContext, no span": 1.05,
    },
  },
  {
    version: version2,
    cases: bunyan2Cases(),
    baseline: "plain bunyan 2, active span",
    targets: {
      "@logtrace/bunyan on bunyan 2, active span": 1.2,
      "@logtrace/bunyan on bunyan 2, no span": 1.05,
    },
  },
];
for (const { version, cases, baseline, targets } of tables) {
  const results = runBench(cases);
  console.log(header(version));
  console.log(formatBenchTable(results, baseline, targets));
  console.log("");
  missed ||= !meetsTargets(results, baseline, targets);
}
console.log(`(stock log sending emitted ${stockRecords.emitted()} OpenTelemetry log records)`);
if (missed) {
  console.log("\nA target was missed on this run (noisy machine? run again on an idle one).");
  process.exitCode = 1;
}
await tracing.shutdown();
