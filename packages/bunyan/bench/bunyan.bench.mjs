// pnpm bench: per-log cost of @logtrace/bunyan against plain bunyan and the stock
// @opentelemetry/instrumentation-bunyan, in one process, in-memory destination. The stock
// instrumentation only supports bunyan < 2, so the comparison runs on bunyan 1.8; a second
// table repeats ours against plain on bunyan 2 (where the stock one adds nothing).
import {
  ByteCountingSink,
  enableStockInstrumentation,
  freshCopy,
  runBenchTables,
  startTracing,
} from "@logtrace/testkit";
import { BunyanInstrumentation } from "@opentelemetry/instrumentation-bunyan";

const tracing = startTracing();
const inSpan = (batch) => tracing.inSpan(batch);

// Every row stands for a different app, so each gets its own copy of bunyan and of our adapter:
// rows sharing one copy would make its call sites polymorphic and slow each other down.
const bunyanCopy = (alias) => freshCopy(import.meta.url, alias);
const adapterCopy = () => freshCopy(import.meta.url, "@logtrace/bunyan", ["@logtrace/core"]);
const plain1 = Array.from({ length: 4 }, () => bunyanCopy("bunyan1"));
const plain2 = Array.from({ length: 3 }, () => bunyanCopy("bunyan2"));
const adapters = Array.from({ length: 4 }, adapterCopy);
// The stock instrumentation, as an agent sets it up; copies of bunyan 1 loaded from here on go
// through its require hook.
const stock = new BunyanInstrumentation();
const stockRecords = enableStockInstrumentation(stock);
const patched1 = [bunyanCopy("bunyan1"), bunyanCopy("bunyan1")];
const version1 = freshCopy(import.meta.url, "bunyan1/package.json").version;
const version2 = freshCopy(import.meta.url, "bunyan2/package.json").version;

const message = "request completed";
const fields = { user: "u-42", route: "/orders/:id", status: 200 };
// The floor for any approach: the same three fields, passed by the caller to plain bunyan.
const threeFields = {
  trace_id: "0af7651916cd43dd8448eb211c80319c",
  span_id: "b7ad6b7169203331",
  trace_flags: "01",
};

/**
 * Bench cases from rows. Each row: its bunyan, its logger options, whether it runs inside a span,
 * and so whether its lines must carry trace ids (checked before timing, so a row always measures
 * what it claims).
 */
function toCases(rows) {
  return rows.map((row) => {
    row.setUp?.();
    const options = row.options ?? { name: "bench" };
    const make = (stream) =>
      row.bunyan.createLogger({ ...options, streams: [{ stream }] }).child({ reqId: 7 });
    const lines = [];
    const check = make({ write: (line) => lines.push(String(line)) });
    const logOnce = () => check.info({ ...fields, ...row.extra }, message);
    row.span ? tracing.inSpan(logOnce) : logOnce();
    if (lines.length !== 1 || lines[0].includes('"trace_id"') !== row.traced) {
      throw new Error(`bench row does not behave as labelled: ${row.name}: ${lines.join("")}`);
    }
    const logger = make(new ByteCountingSink());
    return {
      name: row.name,
      op: (i) => logger.info({ ...fields, i, ...row.extra }, message),
      around: row.span ? inSpan : undefined,
    };
  });
}

function bunyan1Cases() {
  return toCases([
    { name: "plain bunyan, active span", bunyan: plain1[0], span: true, traced: false },
    {
      name: "plain bunyan, the 3 fields passed by the caller",
      bunyan: plain1[1],
      extra: threeFields,
      span: true,
      traced: true,
    },
    {
      name: "@logtrace/bunyan withTraceContext, active span",
      bunyan: plain1[2],
      options: adapters[0].withTraceContext({ name: "bench" }),
      span: true,
      traced: true,
    },
    {
      name: "@logtrace/bunyan withTraceContext, no span",
      bunyan: plain1[3],
      options: adapters[1].withTraceContext({ name: "bench" }),
      span: false,
      traced: false,
    },
    {
      name: "stock instrumentation-bunyan (defaults), active span",
      bunyan: patched1[0],
      setUp: () => stock.setConfig({ disableLogSending: false }),
      span: true,
      traced: true,
    },
    {
      name: "stock instrumentation-bunyan (log sending off), active span",
      bunyan: patched1[1],
      setUp: () => stock.setConfig({ disableLogSending: true }),
      span: true,
      traced: true,
    },
  ]);
}

function bunyan2Cases() {
  return toCases([
    { name: "plain bunyan 2, active span", bunyan: plain2[0], span: true, traced: false },
    {
      name: "@logtrace/bunyan on bunyan 2, active span",
      bunyan: plain2[1],
      options: adapters[2].withTraceContext({ name: "bench" }),
      span: true,
      traced: true,
    },
    {
      name: "@logtrace/bunyan on bunyan 2, no span",
      bunyan: plain2[2],
      options: adapters[3].withTraceContext({ name: "bench" }),
      span: false,
      traced: false,
    },
  ]);
}

const title = (version) =>
  `bunyan ${version}, Node ${process.version}, in-memory destination, child logger, median of 15 rounds`;
await runBenchTables(
  [
    {
      title: title(version1),
      cases: bunyan1Cases(),
      baseline: "plain bunyan, active span",
      targets: {
        "@logtrace/bunyan withTraceContext, active span": 1.2,
        "@logtrace/bunyan withTraceContext, no span": 1.05,
      },
    },
    {
      title: title(version2),
      cases: bunyan2Cases(),
      baseline: "plain bunyan 2, active span",
      targets: {
        "@logtrace/bunyan on bunyan 2, active span": 1.2,
        "@logtrace/bunyan on bunyan 2, no span": 1.05,
      },
    },
  ],
  { name: "@logtrace/bunyan", versions: { bunyan: `${version1}, ${version2}` } },
);
console.log(`(stock log sending emitted ${stockRecords.emitted()} OpenTelemetry log records)`);
await tracing.shutdown();
