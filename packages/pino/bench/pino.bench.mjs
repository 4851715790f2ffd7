// pnpm bench: per-log cost of @logtrace/pino against plain pino and the stock
// @opentelemetry/instrumentation-pino, in one process, pino 10, in-memory destination.
import {
  ByteCountingSink,
  enableStockInstrumentation,
  freshCopy,
  runBenchTables,
  startTracing,
} from "@logtrace/testkit";
import { PinoInstrumentation } from "@opentelemetry/instrumentation-pino";

const tracing = startTracing();

// Every row stands for a different app, so each gets its own copy of pino (and of our adapter):
// rows sharing one copy would make its call sites polymorphic and slow each other down. (The
// no-span row is an app whose lines are written outside any span, e.g. with tracing off.)
const pino = () => freshCopy(import.meta.url, "pino10");
const adapter = () => freshCopy(import.meta.url, "@logtrace/pino", ["@logtrace/core"]);
const version = freshCopy(import.meta.url, "pino10/package.json").version;
const unpatched = Array.from({ length: 5 }, pino);
const adapters = Array.from({ length: 3 }, adapter);

// The stock instrumentation, as an agent sets it up; copies loaded from here on are patched.
const stock = new PinoInstrumentation();
enableStockInstrumentation(stock);
const patched = [pino(), pino()];

const fields = { user: "u-42", route: "/orders/:id", status: 200 };
const inSpan = (batch) => tracing.inSpan(batch);

// Each row: how its logger is made, whether it runs inside a span, and so whether its lines
// must carry trace ids (checked before timing, so a row always measures what it claims).
const rows = [
  { name: "plain pino, active span", make: (d) => unpatched[0]({}, d), span: true, traced: false },
  // The same plain pino again, from another copy: how far two identical rows drift apart in this
  // run, i.e. how much of any ratio below is noise.
  {
    name: "plain pino again (noise floor)",
    make: (d) => unpatched[4]({}, d),
    span: true,
    traced: false,
  },
  {
    name: "@logtrace/pino withTraceContext, active span",
    make: (d, o) => unpatched[1](o, d),
    options: () => adapters[0].withTraceContext(),
    span: true,
    traced: true,
  },
  {
    name: "@logtrace/pino withTraceContext, no span",
    make: (d, o) => unpatched[2](o, d),
    options: () => adapters[1].withTraceContext(),
    span: false,
    traced: false,
  },
  {
    name: "@logtrace/pino traceMixin, active span",
    make: (d) => unpatched[3]({ mixin: adapters[2].traceMixin() }, d),
    span: true,
    traced: true,
  },
  {
    name: "stock instrumentation-pino (defaults), active span",
    make: (d) => {
      stock.setConfig({ disableLogSending: false });
      return patched[0]({}, d);
    },
    span: true,
    traced: true,
  },
  {
    name: "stock instrumentation-pino (log sending off), active span",
    make: (d) => {
      stock.setConfig({ disableLogSending: true });
      return patched[1]({}, d);
    },
    span: true,
    traced: true,
  },
];

const cases = rows.map((row) => {
  // One options object per row, shared by its check logger and its timed logger, as in an app.
  const options = row.options?.();
  const lines = [];
  const check = row
    .make({ write: (line) => lines.push(String(line)) }, options)
    .child({ reqId: 7 });
  const logOnce = () => check.info(fields, "check");
  row.span ? tracing.inSpan(logOnce) : logOnce();
  if (lines.some((line) => line.includes('"trace_id"')) !== row.traced) {
    throw new Error(`bench row does not behave as labelled: ${row.name}: ${lines.join("")}`);
  }
  const logger = row.make(new ByteCountingSink(), options).child({ reqId: 7 });
  return {
    name: row.name,
    op: (i) => logger.info({ ...fields, i }, "request completed"),
    around: row.span ? inSpan : undefined,
  };
});

await runBenchTables(
  [
    {
      title: `pino ${version}, Node ${process.version}, in-memory destination, median of 61 interleaved rounds`,
      cases,
      baseline: "plain pino, active span",
      targets: {
        "@logtrace/pino withTraceContext, active span": 1.5,
        "@logtrace/pino withTraceContext, no span": 1.05,
      },
      options: { iterations: 10_000, rounds: 61 },
    },
  ],
  { name: "@logtrace/pino", versions: { pino: version } },
);
await tracing.shutdown();
