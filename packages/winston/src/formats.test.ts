import { startTracing, type Tracing } from "@logtrace/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureTransport } from "./capture-transport.testutil.js";
import { tracedLogger } from "./logger-harness.testutil.js";
import { winstonVersions } from "./winston-versions.testutil.js";
import { withTraceContext } from "./with-trace-context.js";

// The fields are added before the user's format runs, so whatever that format writes can use them.

const MESSAGE = Symbol.for("message");

let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing();
});
afterAll(() => tracing.shutdown());

for (const { version, winston } of winstonVersions) {
  const { format } = winston;

  // A hand-written logfmt format, as users write them: any custom format sees the fields.
  const logfmt = format((info: Record<string, unknown>) => {
    info[MESSAGE as unknown as string] = Object.entries(info)
      .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
      .join(" ");
    return info;
  });

  async function lineIn(winstonOptions: Record<string, unknown>) {
    const { logger, lines } = tracedLogger(winston, winstonOptions);
    const { traceId, spanId } = tracing.inSpan((span) => {
      logger.info("formatted", { k: 1 });
      return span.spanContext();
    });
    const [line] = await lines();
    return { line: line as string, traceId, spanId };
  }

  describe(`winston ${version}: user formats`, () => {
    it("json", async () => {
      const { line, traceId, spanId } = await lineIn({ format: format.json() });
      expect(JSON.parse(line)).toMatchObject({ trace_id: traceId, span_id: spanId, k: 1 });
    });

    it("combine(timestamp(), json())", async () => {
      const { line, traceId } = await lineIn({
        format: format.combine(format.timestamp(), format.json()),
      });
      expect(JSON.parse(line)).toMatchObject({ trace_id: traceId, timestamp: expect.any(String) });
    });

    it("a custom logfmt format", async () => {
      const { line, traceId, spanId } = await lineIn({ format: logfmt() });
      expect(line).toContain(`trace_id="${traceId}"`);
      expect(line).toContain(`span_id="${spanId}"`);
      expect(line).toContain('trace_flags="01"');
    });

    it("printf", async () => {
      const { line, traceId, spanId } = await lineIn({
        format: format.printf(
          (info: Record<string, unknown>) =>
            `${info.level} [${info.trace_id} ${info.span_id}] ${info.message}`,
        ),
      });
      expect(line).toBe(`info [${traceId} ${spanId}] formatted`);
    });

    it("simple", async () => {
      const { line, traceId } = await lineIn({ format: format.simple() });
      expect(line).toMatch(/^info: formatted \{.*\}$/);
      expect(line).toContain(`"trace_id":"${traceId}"`);
    });

    it("prettyPrint shows the fields (and logtrace's symbol keys, briefly)", async () => {
      const { line, traceId } = await lineIn({ format: format.prettyPrint() });
      expect(line).toContain(`trace_id: '${traceId}'`);
      expect(line).toMatch(/Symbol\(logtrace\)\]?: \[logtrace: used\]/);
      expect(line).toMatch(/Symbol\(logtrace written\)\]?: \{/);
    });

    it("none given: winston's default JSON", async () => {
      const { line, traceId } = await lineIn({});
      expect(JSON.parse(line)).toMatchObject({
        level: "info",
        message: "formatted",
        trace_id: traceId,
      });
    });

    it("formats on transports see the fields too, each transport its own format", async () => {
      const json = captureTransport(winston, { format: format.json() });
      const printf = captureTransport(winston, {
        format: format.printf((info: Record<string, unknown>) => `span=${info.span_id}`),
      });
      const logger = winston.createLogger(
        withTraceContext({ transports: [json.transport, printf.transport] }),
      );
      const spanId = tracing.inSpan((span) => {
        logger.info("two transports");
        return span.spanContext().spanId;
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(JSON.parse(json.captured.lines[0] as string).span_id).toBe(spanId);
      expect(printf.captured.lines).toEqual([`span=${spanId}`]);
    });

    it("passes the user's format its own options", async () => {
      const { line } = await lineIn({ format: format.json({ space: 2 }) });
      expect(line).toContain('\n  "trace_id": ');
    });

    it("a format that filters a record out still filters it", async () => {
      const dropInfo = format((info: Record<string, unknown>) =>
        info.level === "info" ? false : info,
      );
      const { logger, lines } = tracedLogger(winston, {
        format: format.combine(dropInfo(), format.json()),
      });
      tracing.inSpan(() => {
        logger.info("dropped");
        logger.warn("kept");
      });
      const written = await lines();
      expect(written).toHaveLength(1);
      expect(JSON.parse(written[0] as string)).toMatchObject({ message: "kept" });
    });
  });
}
