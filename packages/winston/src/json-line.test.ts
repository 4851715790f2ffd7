import { startTracing, type Tracing } from "@logtrace/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callShapes } from "./call-shapes.testutil.js";
import { captureTransport } from "./capture-transport.testutil.js";
import { tracedLogger } from "./logger-harness.testutil.js";
import { winstonVersions } from "./winston-versions.testutil.js";
import { withTraceContext } from "./with-trace-context.js";

// With logform's json() as the logger's format (winston's default), the fields are appended to the
// finished line instead of going through json() as keys (see json-splice.ts). That must write
// the same record, for every call shape, give transports the same info, and fall back to keys
// whenever appending would not be exact.

const MESSAGE = Symbol.for("message");

let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing();
});
afterAll(() => tracing.shutdown());

const occurrences = (line: string, text: string) => line.split(text).length - 1;

for (const { version, winston } of winstonVersions) {
  const { format } = winston;

  /** The same call through json() (line first) and combine(json()) (opaque: keys first). */
  // biome-ignore lint/suspicious/noExplicitAny: a winston logger of any release.
  async function bothWays(call: (logger: any) => void, winstonOptions = {}) {
    const lineFirst = tracedLogger(winston, { ...winstonOptions, format: format.json() });
    const keysFirst = tracedLogger(winston, {
      ...winstonOptions,
      format: format.combine(format.json()),
    });
    const spanContext = tracing.inSpan((span) => {
      call(lineFirst.logger);
      call(keysFirst.logger);
      return span.spanContext();
    });
    const [line] = await lineFirst.lines();
    const [keysLine] = await keysFirst.lines();
    return {
      line: line as string,
      keysLine: keysLine as string,
      spanContext,
      infos: [lineFirst.captured.infos[0], keysFirst.captured.infos[0]],
    };
  }

  describe(`winston ${version}: json() lines get the fields appended`, () => {
    it.each(callShapes)("%s: the same record as through keys", async (_name, call) => {
      const { line, keysLine, spanContext } = await bothWays(call);
      const members = `"trace_id":"${spanContext.traceId}","span_id":"${spanContext.spanId}","trace_flags":"01"`;
      expect(line.endsWith(`,${members}}`)).toBe(true); // appended after json()'s sorted keys
      expect(keysLine.endsWith(`,${members}}`)).toBe(false); // sorted in by json()
      expect(JSON.parse(line)).toEqual(JSON.parse(keysLine));
    });

    it("error(err): an Error as the record, the same record as through keys", async () => {
      const { line, keysLine } = await bothWays((l) =>
        l.error(Object.assign(new Error("boom"), { code: "E_BOOM" })),
      );
      expect(JSON.parse(line)).toEqual(JSON.parse(keysLine));
      expect(JSON.parse(line)).toMatchObject({ level: "error", code: "E_BOOM", trace_flags: "01" });
    });

    it("hands transports the same info either way (fields as keys, for their formats)", async () => {
      const { infos } = await bothWays((l) => l.info("x", { k: 1 }), {
        defaultMeta: { service: "orders" },
      });
      const [lineFirst, keysFirst] = infos as Record<string | symbol, unknown>[];
      // The string keys and values; the lines themselves differ in key order only.
      const keyed = (info: object) => Object.fromEntries(Object.entries(info));
      expect(keyed(lineFirst ?? {})).toEqual(keyed(keysFirst ?? {}));
      expect(JSON.parse(String(lineFirst?.[MESSAGE]))).toEqual(
        JSON.parse(String(keysFirst?.[MESSAGE])),
      );
      expect(lineFirst).toMatchObject({ trace_flags: "01", service: "orders" });
    });

    it("a trace key of the caller: written through keys, once, theirs", async () => {
      const { logger, lines } = tracedLogger(winston, { format: format.json() });
      tracing.inSpan(() => {
        logger.info("mine", { trace_id: "caller" });
        logger.child({ span_id: "child" }).info("bound");
      });
      const [mine, bound] = (await lines()) as [string, string];
      expect(occurrences(mine, '"trace_id"')).toBe(1);
      expect(occurrences(mine, '"span_id"')).toBe(1);
      expect(JSON.parse(mine).trace_id).toBe("caller");
      expect(occurrences(bound, '"span_id"')).toBe(1);
      expect(JSON.parse(bound).span_id).toBe("child");
      expect(JSON.parse(bound).trace_id).toMatch(/^[0-9a-f]{32}$/);
    });

    it("the default format (none given) takes the same way", async () => {
      const { logger, lines } = tracedLogger(winston);
      const spanId = tracing.inSpan((span) => {
        logger.info("default");
        return span.spanContext().spanId;
      });
      const [line] = (await lines()) as [string];
      expect(line.endsWith(`"span_id":"${spanId}","trace_flags":"01"}`)).toBe(true);
    });

    it("renamed keys and the X-Ray id are appended like the others", async () => {
      const { logger, lines } = tracedLogger(
        winston,
        { format: format.json() },
        { logKeys: { traceId: "traceId" }, xrayTraceId: true },
      );
      const traceId = tracing.inSpan((span) => {
        logger.info("renamed");
        return span.spanContext().traceId;
      });
      const [line] = (await lines()) as [string];
      const xray = `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
      expect(line.endsWith(`"trace_flags":"01","xray_trace_id":"${xray}"}`)).toBe(true);
      expect(JSON.parse(line)).toMatchObject({ traceId, xray_trace_id: xray });
    });
  });

  describe(`winston ${version}: json() takes the keys when appending would not be exact`, () => {
    it("json({ space }): pretty lines are written by json() itself", async () => {
      const { logger, lines } = tracedLogger(winston, { format: format.json({ space: 2 }) });
      tracing.inSpan(() => logger.info("spaced"));
      const [line] = (await lines()) as [string];
      expect(line).toMatch(/\n {2}"trace_id": "[0-9a-f]{32}"/);
      expect(line.endsWith("\n}")).toBe(true);
    });

    it("json({ replacer }): the replacer sees the fields", async () => {
      const replacer = (_key: string, value: unknown) =>
        typeof value === "string" ? value.toUpperCase() : value;
      const { logger, records } = tracedLogger(winston, { format: format.json({ replacer }) });
      tracing.inSpan(() => logger.info("replaced"));
      const [record] = await records();
      expect(record?.trace_id).toMatch(/^[0-9A-F]{32}$/);
      expect(record?.message).toBe("REPLACED");
    });

    it("a record with its own toJSON is written as toJSON says, as without logtrace", async () => {
      const { logger, lines } = tracedLogger(winston, { format: format.json() });
      tracing.inSpan(() =>
        logger.log({ level: "info", message: "custom", toJSON: () => ({ custom: true }) }),
      );
      expect(await lines()).toEqual(['{"custom":true}']);
    });

    it("a format that only looks like json() gets keys, and sees them", async () => {
      const lookalike = format((info: Record<string | symbol, unknown>) => {
        info[MESSAGE] = JSON.stringify({ seen: Object.keys(info).sort() });
        return info;
      });
      const { logger, records } = tracedLogger(winston, { format: lookalike() });
      tracing.inSpan(() => logger.info("lookalike"));
      const [record] = await records();
      expect(record?.seen).toEqual(["level", "message", "span_id", "trace_flags", "trace_id"]);
    });
  });

  it(`winston ${version}: a transport's own format reads the fields on the record`, async () => {
    const printf = captureTransport(winston, {
      format: format.printf((info: Record<string, unknown>) => `${info.trace_id}`),
    });
    const plain = captureTransport(winston);
    const logger = winston.createLogger(
      withTraceContext({ format: format.json(), transports: [printf.transport, plain.transport] }),
    );
    const traceId = tracing.inSpan((span) => {
      logger.info("two transports");
      return span.spanContext().traceId;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(printf.captured.lines).toEqual([traceId]);
    expect(occurrences(plain.captured.lines[0] as string, traceId)).toBe(1);
  });
}
