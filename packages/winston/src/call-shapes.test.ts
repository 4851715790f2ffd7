import { startTracing, type Tracing } from "@logtrace/testkit";
import type { SpanContext } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callShapes } from "./call-shapes.testutil.js";
import { NO_SPAN } from "./capture-meta.js";
import { tracedLogger } from "./logger-harness.testutil.js";
import { winstonVersions } from "./winston-versions.testutil.js";

// Every way winston takes a log call builds the record differently (see call-shapes.testutil.ts);
// the fields must arrive, and the caller's keys win, in all.

let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing();
});
afterAll(() => tracing.shutdown());

const TRACE_KEYS = ["trace_id", "span_id", "trace_flags"];

function ids(span: { spanContext(): SpanContext }) {
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId, trace_flags: "01" };
}

for (const { version, winston } of winstonVersions) {
  const { format } = winston;

  describe(`winston ${version}: call shapes`, () => {
    it.each(callShapes)("%s carries the span of the call", async (_name, call) => {
      const { logger, records } = tracedLogger(winston);
      const expected = tracing.inSpan((span) => {
        call(logger);
        return ids(span);
      });
      const [record] = await records();
      expect(record).toMatchObject({ message: "shape", ...expected });
    });

    it.each(callShapes)(
      "%s outside a span: no trace key at all, not even undefined",
      async (_n, call) => {
        const { logger, captured, records } = tracedLogger(winston);
        call(logger);
        const [record] = await records();
        expect(record?.message).toBe("shape");
        for (const key of TRACE_KEYS) {
          expect(record).not.toHaveProperty(key);
          expect(Object.keys(captured.infos[0] ?? {})).not.toContain(key);
        }
      },
    );

    it("keeps a trace key the caller passes, in and outside a span", async () => {
      const { logger, records } = tracedLogger(winston);
      tracing.inSpan(() => {
        logger.info("meta", { trace_id: "caller-meta" });
        logger.info({ message: "info object", span_id: "caller-info" });
        logger.log("info", "log meta", { trace_flags: "caller-log" });
        logger.child({ trace_id: "child-binding" }).info("child");
      });
      logger.info("no span", { trace_id: "caller-no-span" });
      const [meta, info, log, child, noSpan] = await records();
      expect(meta?.trace_id).toBe("caller-meta");
      expect(meta?.span_id).toMatch(/^[0-9a-f]{16}$/);
      expect(info?.span_id).toBe("caller-info");
      expect(info?.trace_id).toMatch(/^[0-9a-f]{32}$/);
      expect(log?.trace_flags).toBe("caller-log");
      expect(child?.trace_id).toBe("child-binding");
      expect(noSpan).toMatchObject({ trace_id: "caller-no-span" });
      expect(noSpan).not.toHaveProperty("span_id");
    });

    it("splat: interpolates, merges trailing meta, and the caller's meta still wins", async () => {
      const { logger, records } = tracedLogger(winston, {
        format: format.combine(format.splat(), format.json()),
      });
      const expected = tracing.inSpan((span) => {
        logger.info("%s ordered %d items", "alice", 3, { order: "o-1" });
        logger.info("%s done", "bob", { span_id: "from-splat-meta" });
        return ids(span);
      });
      const [ordered, done] = await records();
      expect(ordered).toMatchObject({
        message: "alice ordered 3 items",
        order: "o-1",
        ...expected,
      });
      expect(done).toMatchObject({ message: "bob done", span_id: "from-splat-meta" });
      expect(done?.trace_id).toBe(expected.trace_id);
    });

    it("errors: logger.error(err) and logger.error(message, err) carry the span", async () => {
      const { logger, records } = tracedLogger(winston, {
        format: format.combine(format.errors({ stack: true }), format.json()),
      });
      const expected = tracing.inSpan((span) => {
        logger.error(new Error("boom"));
        logger.error("failed", new Error("inner"));
        return ids(span);
      });
      const [direct, withMessage] = await records();
      expect(direct).toMatchObject({ level: "error", message: "boom", ...expected });
      expect(direct?.stack).toMatch(/Error: boom/);
      expect(withMessage).toMatchObject({ level: "error", ...expected });
      expect(String(withMessage?.message)).toMatch(/^failed/);
    });

    it("an object logged again in another span gets that span, and nothing outside spans", async () => {
      const { logger, records } = tracedLogger(winston);
      const reused = { message: "again", k: 1 };
      const first = tracing.inSpan((span) => {
        logger.info(reused);
        return ids(span);
      });
      const second = tracing.inSpan((span) => {
        logger.info(reused);
        return ids(span);
      });
      logger.info(reused);
      const [a, b, c] = await records();
      expect(a).toMatchObject(first);
      expect(b).toMatchObject(second);
      expect(b?.span_id).not.toBe(first.span_id);
      for (const key of TRACE_KEYS) expect(c).not.toHaveProperty(key);
    });

    it("hands transports the fields as their only string keys; its own keys are symbols", async () => {
      const { logger, captured, records } = tracedLogger(winston);
      tracing.inSpan(() => {
        logger.info("one", { k: 1 });
        logger.info({ message: "two" });
        logger.child({ c: 1 }).info("three");
      });
      logger.info("four");
      await records();
      expect(captured.infos).toHaveLength(4);
      for (const info of captured.infos) {
        // winston's own symbols are registered (Symbol.for); logtrace's are the call's capture
        // (used up once a format read it, or the shared no-span marker) and, in spanned lines,
        // the memory of what it wrote.
        const own = Object.getOwnPropertySymbols(info).filter((s) => !Symbol.keyFor(s));
        expect(own.map(String).sort()).toEqual(
          info.trace_id === undefined
            ? ["Symbol(logtrace)"]
            : ["Symbol(logtrace written)", "Symbol(logtrace)"],
        );
        const capture = info[own.find((s) => String(s) === "Symbol(logtrace)") as symbol];
        expect(capture === NO_SPAN || (capture as { used: boolean }).used).toBe(true);
        const extra = Object.keys(info).filter(
          (key) => !["level", "message", "k", "c"].includes(key),
        );
        expect(extra.every((key) => ["trace_id", "span_id", "trace_flags"].includes(key))).toBe(
          true,
        );
      }
    });
  });

  describe(`winston ${version}: the user's defaultMeta`, () => {
    it("is kept and merged, in the logger and its children", async () => {
      const { logger, records } = tracedLogger(winston, {
        defaultMeta: { service: "orders", region: "eu-west-1" },
      });
      const expected = tracing.inSpan((span) => {
        logger.info("a");
        logger.child({ reqId: 7 }).info("b", { k: 1 });
        return ids(span);
      });
      const [a, b] = await records();
      expect(a).toMatchObject({ service: "orders", region: "eu-west-1", ...expected });
      expect(b).toMatchObject({ service: "orders", reqId: 7, k: 1, ...expected });
    });

    it("keeps its getters live (evaluated per log call, as winston does)", async () => {
      let requestId = 0;
      const defaultMeta = {
        get requestId() {
          requestId += 1;
          return `r-${requestId}`;
        },
      };
      const { logger, records } = tracedLogger(winston, { defaultMeta });
      logger.info("first");
      logger.info("second");
      const [first, second] = await records();
      expect(first?.requestId).toBe("r-1");
      expect(second?.requestId).toBe("r-2");
    });

    it("wins over the span when it sets a trace key itself", async () => {
      const { logger, records } = tracedLogger(winston, {
        defaultMeta: { trace_flags: "pinned" },
      });
      tracing.inSpan(() => logger.info("pinned"));
      const [record] = await records();
      expect(record?.trace_flags).toBe("pinned");
      expect(record?.trace_id).toMatch(/^[0-9a-f]{32}$/);
    });

    it("is not mutated", () => {
      const defaultMeta = { service: "orders" };
      const frozen = JSON.stringify(defaultMeta);
      tracedLogger(winston, { defaultMeta }).logger.info("x");
      expect(JSON.stringify(defaultMeta)).toBe(frozen);
      expect(Object.getOwnPropertySymbols(defaultMeta)).toEqual([]);
    });
  });
}
