// pnpm bench: per-log cost of @logtrace/winston against plain winston and the stock
// @opentelemetry/instrumentation-winston, in one process, newest winston 3, a transport that turns
// each line into bytes in memory.
import {
  ByteCountingSink,
  enableStockInstrumentation,
  freshCopy,
  runBenchTables,
  startTracing,
} from "@logtrace/testkit";
import { WinstonInstrumentation } from "@opentelemetry/instrumentation-winston";

const tracing = startTracing();
const inSpan = (batch) => tracing.inSpan(batch);

// Every row stands for a different app: right before its loggers are made, it loads its own copy
// of winston (with its logform) and of our adapter, as an app loads its modules and then builds its
// logger. Rows sharing one copy would make its call sites polymorphic and slow each other down.
const winstonCopy = () => freshCopy(import.meta.url, "winston", ["logform"]);
const adapterCopy = () => freshCopy(import.meta.url, "@logtrace/winston", ["@logtrace/core"]);
const loadApp = () => {
  const winston = winstonCopy();
  return { winston, adapter: adapterCopy() };
};
const version = freshCopy(import.meta.url, "winston/package.json").version;

const MESSAGE = Symbol.for("message");
/** A transport that pays for turning each formatted line into bytes, like a real sink. */
function sinkTransport(winston, sink) {
  class SinkTransport extends winston.Transport {
    log(info, done) {
      sink.write(`${info[MESSAGE]}\n`);
      done();
    }
  }
  return new SinkTransport();
}

const message = "request completed";
const fields = { user: "u-42", route: "/orders/:id", status: 200 };
// The three fields as keys of the record, passed by the caller to plain winston: what any way
// of adding them as keys before winston's JSON format runs costs at least.
const threeFields = {
  trace_id: "0af7651916cd43dd8448eb211c80319c",
  span_id: "b7ad6b7169203331",
  trace_flags: "01",
};

/**
 * One log call per operation. A row with extra keys builds its merge object in its own function,
 * so the object literal the other rows share only ever sees one shape.
 */
function logEach(logger, metaOf = (i) => ({ ...fields, i })) {
  return (i) => {
    // winston's streams (readable-stream) leave a process.nextTick per line for the event loop,
    // which a real app runs between requests. runBench is synchronous, so run them here, every
    // 256 lines, inside the timing (they are part of a line's cost); left alone they pile up over
    // the rounds and the GC they cause drowns the figures.
    logger.info(message, metaOf(i));
    if ((i & 255) === 255) process._tickCallback();
  };
}

/**
 * Bench cases from rows. Each row: how it loads its app (by default its own winston and adapter),
 * its logger options, whether it runs inside a span, and so whether its lines must carry trace ids,
 * and for logtrace rows which way they take (checked before timing, so a row always measures what
 * it claims).
 */
function toCases(rows) {
  return rows.map((row) => {
    const app = (row.load ?? loadApp)();
    row.setUp?.();
    const options = row.options?.(app) ?? {};
    const make = (sink) =>
      app.winston
        .createLogger({ ...options, transports: [sinkTransport(app.winston, sink)] })
        .child({ reqId: 7 });
    const meta = () => ({ ...fields, ...row.extra });
    const lines = [];
    const check = make({ write: (line) => lines.push(line) });
    const logOnce = () => check.info(message, meta());
    row.span ? tracing.inSpan(logOnce) : logOnce();
    process._tickCallback();
    // The line-first way (fields appended to json()'s line) leaves them last; keys-first sorts them in.
    const wayHolds =
      row.lineFirst === undefined || lines[0]?.endsWith('"trace_flags":"01"}\n') === row.lineFirst;
    if (lines.length !== 1 || lines[0].includes('"trace_id"') !== row.traced || !wayHolds) {
      throw new Error(`bench row does not behave as labelled: ${row.name}: ${lines.join("")}`);
    }
    const logger = make(new ByteCountingSink());
    return {
      name: row.name,
      op: row.extra ? logEach(logger, (i) => ({ ...fields, i, ...row.extra })) : logEach(logger),
      around: row.span ? inSpan : undefined,
    };
  });
}

// Plain and logtrace rows come first: their copies must load before the stock instrumentation
// hooks require.
const mainCases = toCases([
  { name: "plain winston, active span", span: true, traced: false },
  {
    name: "plain winston, the 3 fields passed by the caller",
    extra: threeFields,
    span: true,
    traced: true,
  },
  {
    // winston merges a defaultMeta into every record (Object.assign): that alone, with one key
    // no format prints, is what any capture at the log call pays before doing anything.
    name: "plain winston with a one-key defaultMeta, active span",
    options: () => ({ defaultMeta: { [Symbol("app")]: 1 } }),
    span: true,
    traced: false,
  },
  {
    name: "@logtrace/winston withTraceContext, active span",
    options: ({ adapter }) => adapter.withTraceContext(),
    lineFirst: true,
    span: true,
    traced: true,
  },
  {
    name: "@logtrace/winston withTraceContext, no span",
    options: ({ adapter }) => adapter.withTraceContext(),
    span: false,
    traced: false,
  },
]);

/** The same, with a format logtrace cannot see into: the fields go in as keys (see README). */
const format = ({ winston }) =>
  winston.format.combine(winston.format.timestamp(), winston.format.json());
const combinedCases = toCases([
  {
    name: "plain winston, combine(timestamp(), json()), active span",
    options: (app) => ({ format: format(app) }),
    span: true,
    traced: false,
  },
  {
    name: "@logtrace/winston, combine(timestamp(), json()), active span",
    options: (app) => app.adapter.withTraceContext({ format: format(app) }),
    lineFirst: false,
    span: true,
    traced: true,
  },
  {
    name: "@logtrace/winston, combine(timestamp(), json()), no span",
    options: (app) => app.adapter.withTraceContext({ format: format(app) }),
    span: false,
    traced: false,
  },
]);

// The stock instrumentation, as an agent sets it up (its winston transport emits through
// api-logs); copies loaded from here on go through its require hook.
const stock = new WinstonInstrumentation();
const stockRecords = enableStockInstrumentation(stock);
const patchedApp = () => ({ winston: winstonCopy() });
const stockCases = toCases([
  {
    name: "stock instrumentation-winston (defaults), active span",
    load: patchedApp,
    setUp: () => stock.setConfig({ disableLogSending: false }),
    span: true,
    traced: true,
  },
  {
    name: "stock instrumentation-winston (log sending off), active span",
    load: patchedApp,
    setUp: () => stock.setConfig({ disableLogSending: true }),
    span: true,
    traced: true,
  },
]);

const rounds = { iterations: 20_000, warmup: 20_000, rounds: 31 };
await runBenchTables(
  [
    {
      title: `winston ${version}, Node ${process.version}, default JSON format, in-memory transport, child logger, median of 31 rounds`,
      cases: [...mainCases, ...stockCases],
      baseline: "plain winston, active span",
      targets: {
        "@logtrace/winston withTraceContext, active span": 1.15,
        "@logtrace/winston withTraceContext, no span": 1.05,
      },
      options: rounds,
    },
    {
      title: "The same with combine(timestamp(), json()) as the format (no target):",
      cases: combinedCases,
      baseline: "plain winston, combine(timestamp(), json()), active span",
      options: rounds,
    },
  ],
  { name: "@logtrace/winston", versions: { winston: version } },
);
console.log(`(stock log sending emitted ${stockRecords.emitted()} OpenTelemetry log records)`);
await tracing.shutdown();
