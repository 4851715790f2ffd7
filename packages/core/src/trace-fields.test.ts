import { startTracing, type Tracing } from "@logtrace/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTraceContext } from "./trace-context.js";
import { compileTraceFields, traceFields } from "./trace-fields.js";

let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing();
});
afterAll(() => tracing.shutdown());

describe("traceFields", () => {
  it("is empty outside a span", () => {
    expect(traceFields()).toEqual({});
    expect(compileTraceFields().fields()).toBeUndefined();
    expect(compileTraceFields().json()).toBeUndefined();
  });

  it("gives trace_id, span_id and trace_flags by default", () => {
    tracing.inSpan((span) => {
      const { traceId, spanId } = span.spanContext();
      expect(traceFields()).toEqual({ trace_id: traceId, span_id: spanId, trace_flags: "01" });
    });
  });

  it("writes unsampled flags as 00", () => {
    tracing.inSpan(() => expect(traceFields().trace_flags).toBe("00"), { sampled: false });
  });

  it("renames keys and adds the X-Ray form", () => {
    tracing.inSpan((span) => {
      const { traceId, spanId } = span.spanContext();
      const fields = traceFields({
        logKeys: { traceId: "traceId", spanId: "spanId", traceFlags: "flags" },
        xrayTraceId: true,
      });
      expect(fields).toEqual({
        traceId,
        spanId,
        flags: "01",
        xray_trace_id: `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`,
      });
      expect(traceFields({ xrayTraceId: "AWS-XRAY-TRACE-ID" })["AWS-XRAY-TRACE-ID"]).toMatch(
        /^1-[0-9a-f]{8}-[0-9a-f]{24}$/,
      );
    });
  });

  it("returns a fresh object each call, so a logger may mutate it", () => {
    const reader = compileTraceFields();
    tracing.inSpan(() => {
      const first = reader.fields();
      if (!first) throw new Error("expected fields");
      first.trace_id = "mutated";
      expect(reader.fields()?.trace_id).not.toBe("mutated");
    });
  });

  it("renders the same fields as JSON members", () => {
    const reader = compileTraceFields({ xrayTraceId: true, logKeys: { traceId: 'we"ird' } });
    tracing.inSpan(() => {
      const json = reader.json();
      expect(JSON.parse(`{${json}}`)).toEqual(reader.fields());
    });
  });

  it("reads the active span's context, as getTraceContext does", () => {
    const reader = compileTraceFields();
    expect(reader.context()).toBeUndefined();
    tracing.inSpan((span) => {
      expect(reader.context()).toEqual(getTraceContext());
      expect(reader.context()?.spanId).toBe(span.spanContext().spanId);
    });
  });

  it("renders a context captured earlier, whatever span is active now", () => {
    const reader = compileTraceFields();
    const captured = tracing.inSpan(() => reader.context());
    if (!captured) throw new Error("expected a span");
    tracing.inSpan(() => {
      expect(JSON.parse(`{${reader.jsonOf(captured)}}`)).toEqual(reader.fieldsOf(captured));
      expect(reader.jsonOf(captured)).not.toBe(reader.json());
    });
  });

  it("tracks interleaved spans without mixing them up", async () => {
    const reader = compileTraceFields();
    const seen = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        tracing.inSpan(async (span) => {
          await new Promise((resolve) => setTimeout(resolve, (i * 7) % 5));
          return [span.spanContext().spanId, reader.fields()?.span_id];
        }),
      ),
    );
    for (const [expected, actual] of seen) expect(actual).toBe(expected);
  });

  const badOptions: [string, unknown, RegExp][] = [
    ["non-object options", 5, /options must be an object/],
    ["unknown option", { logkeys: {} }, /unknown option "logkeys"/],
    ["unknown log key", { logKeys: { trace: "t" } }, /unknown logKeys entry "trace"/],
    ["empty key", { logKeys: { traceId: "" } }, /logKeys.traceId must be a non-empty string/],
    ["number key", { logKeys: { spanId: 3 } }, /logKeys.spanId must be a non-empty string/],
    ["duplicate keys", { logKeys: { spanId: "trace_id" } }, /"trace_id" is used twice/],
    ["xray clashes", { xrayTraceId: "span_id" }, /"span_id" is used twice/],
    ["xray wrong type", { xrayTraceId: 1 }, /xrayTraceId must be true, false or a key name/],
  ];
  it.each(badOptions)(
    "rejects %s at construction with a clear TypeError",
    (_n, options, message) => {
      expect(() => compileTraceFields(options as never)).toThrow(TypeError);
      expect(() => compileTraceFields(options as never)).toThrow(message);
    },
  );
});
