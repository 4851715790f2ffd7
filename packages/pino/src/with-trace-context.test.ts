import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, get } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { countKey, LogCapture, startTracing, type Tracing } from "@logtrace/testkit";
import { pinoHttp } from "pino-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pinoMajors } from "./pino-majors.testutil.js";
import { withTraceContext } from "./with-trace-context.js";

let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing();
});
afterAll(() => tracing.shutdown());

const latest = pinoMajors[pinoMajors.length - 1];
if (!latest) throw new Error("no pino major installed");

/** A logger whose options already wrote one line, so the steady-state path is in use. */
// biome-ignore lint/suspicious/noExplicitAny: pino of any major.
function warmed(pino: any, pinoOptions: object, destination: LogCapture, options?: object) {
  const shared = withTraceContext(pinoOptions, options);
  pino(shared, { write: () => {} }).info("warm-up");
  return pino(shared, destination);
}

for (const { version, major, pino } of pinoMajors) {
  describe(`pino ${version}: user options are kept`, () => {
    it("keeps the user's mixin; its keys win over ours, without duplicates", () => {
      const out = new LogCapture();
      const log = warmed(pino, { mixin: () => ({ tenant: "acme", span_id: "from-mixin" }) }, out);
      tracing.inSpan((span) => {
        log.info("with mixin");
        const [record] = out.records;
        expect(record).toMatchObject({ tenant: "acme", span_id: "from-mixin" });
        expect(record?.trace_id).toBe(span.spanContext().traceId);
        expect(countKey(out.lines[0] as string, "span_id")).toBe(1);
      });
    });

    it("keeps the user's mixinMergeStrategy", () => {
      const out = new LogCapture();
      const log = warmed(
        pino,
        {
          mixin: () => ({ source: "mixin" }),
          mixinMergeStrategy: (merge: object, mixin: object) => ({ ...merge, ...mixin }),
        },
        out,
      );
      tracing.inSpan(() => log.info({ source: "call" }, "strategy"));
      expect(out.records[0]).toMatchObject({ source: "mixin", trace_flags: "01" });
    });

    it("keeps the user's formatters (level label, log) and hooks (logMethod, streamWrite)", () => {
      const out = new LogCapture();
      const seenByUserStreamWrite: string[] = [];
      const log = warmed(
        pino,
        {
          formatters: {
            level: (label: string) => ({ severity: label.toUpperCase() }),
            log: (record: Record<string, unknown>) => ({ ...record, formatted: true }),
          },
          hooks: {
            logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
              method.apply(this, [`[hooked] ${args[0]}`]);
            },
            ...(major >= 9
              ? {
                  streamWrite: (line: string) => {
                    seenByUserStreamWrite.push(line);
                    return line.replace("[hooked]", "[hooked+written]");
                  },
                }
              : {}),
          },
        },
        out,
      );
      const traceId = tracing.inSpan((span) => {
        log.info("formatted");
        return span.spanContext().traceId;
      });
      const [record] = out.records;
      expect(record).toMatchObject({ severity: "INFO", formatted: true, trace_id: traceId });
      if (major >= 9) {
        expect(record?.msg).toBe("[hooked+written] formatted");
        // The user's streamWrite sees the finished line, trace fields included.
        expect(seenByUserStreamWrite.at(-1)).toContain(traceId);
      } else {
        expect(record?.msg).toBe("[hooked] formatted");
      }
    });

    it("keeps a user timestamp function, still written first", () => {
      const out = new LogCapture();
      const log = warmed(pino, { timestamp: () => `,"time":"2026-11-25T00:00:00.000Z"` }, out);
      tracing.inSpan(() => log.info("stamped"));
      const [line] = out.lines;
      expect(JSON.parse(line as string)).toMatchObject({ time: "2026-11-25T00:00:00.000Z" });
      expect((line as string).indexOf('"time"')).toBeLessThan(
        (line as string).indexOf('"trace_id"'),
      );
    });

    it("honours timestamp: false", () => {
      const out = new LogCapture();
      const log = warmed(pino, { timestamp: false }, out);
      tracing.inSpan(() => log.info("timeless"));
      expect(out.records[0]).not.toHaveProperty("time");
      expect(out.records[0]?.trace_id).toMatch(/^[0-9a-f]{32}$/);
    });

    it("writes trace fields at the top level with nestedKey", () => {
      const out = new LogCapture();
      const log = warmed(pino, { nestedKey: "payload" }, out);
      tracing.inSpan(() => log.info({ trace_id: "nested-is-not-ours", a: 1 }, "nested"));
      const [record] = out.records;
      expect(record?.payload).toEqual({ trace_id: "nested-is-not-ours", a: 1 });
      expect(record?.trace_id).toMatch(/^[0-9a-f]{32}$/);
    });

    it("does not mutate the caller's merge object", () => {
      const out = new LogCapture();
      const options = withTraceContext();
      const log = pino(options, out);
      const merge = { a: 1 };
      tracing.inSpan(() => {
        log.info(merge, "first line (object mode)");
        log.info(merge, "second line");
      });
      expect(merge).toEqual({ a: 1 });
      expect(out.records.every((r) => typeof r.trace_id === "string")).toBe(true);
    });

    it("keeps the line and lets the caller win when it logs an Error with trace-like properties", () => {
      const out = new LogCapture();
      const log = warmed(pino, {}, out);
      const error = Object.assign(new Error("boom"), { trace_id: "on-the-error" });
      tracing.inSpan(() => log.error(error));
      const [record] = out.records;
      expect(record?.trace_id).toMatch(/^[0-9a-f]{32}$/);
      expect(record?.err).toMatchObject({ message: "boom" });
    });

    it("rejects non-function user hooks and a stream passed as options, at construction", () => {
      expect(() => withTraceContext({ timestamp: "iso" })).toThrow(/timestamp must be a function/);
      expect(() => withTraceContext({ formatters: { log: 1 } })).toThrow(/formatters.log/);
      expect(() => withTraceContext(new LogCapture())).toThrow(/not a destination stream/);
    });
  });
}

describe(`pino ${latest.version}: steady state`, () => {
  it("writes the fields with the timestamp once streamWrite is known to run", () => {
    const out = new LogCapture();
    const log = warmed(latest.pino, {}, out);
    tracing.inSpan(() => log.child({ component: "db" }).info({ a: 1 }, "fast path"));
    const [line] = out.lines as [string];
    // level, time, then ours: before the child's bindings and the call's fields.
    expect(line.indexOf('"trace_id"')).toBeGreaterThan(line.indexOf('"time"'));
    expect(line.indexOf('"trace_id"')).toBeLessThan(line.indexOf('"component"'));
  });

  it("removes only the clashing member when a call passes one trace key", () => {
    const out = new LogCapture();
    const log = warmed(latest.pino, {}, out, { xrayTraceId: true });
    tracing.inSpan((span) => {
      log.info({ span_id: "mine" }, "clash");
      const [line] = out.lines as [string];
      const record = JSON.parse(line);
      expect(record.span_id).toBe("mine");
      expect(record.trace_id).toBe(span.spanContext().traceId);
      expect(record.xray_trace_id).toMatch(/^1-/);
      expect(countKey(line, "span_id")).toBe(1);
    });
  });

  it("a log call made while serializing another keeps both lines whole and unduplicated", () => {
    const out = new LogCapture();
    // biome-ignore lint/suspicious/noExplicitAny: pino logger.
    let log: any;
    const options = withTraceContext({
      serializers: {
        user: (user: { id: string }) => {
          log.info({ trace_id: "inner-explicit" }, "inner");
          return user.id;
        },
      },
    });
    latest.pino(options, { write: () => {} }).info("warm-up");
    log = latest.pino(options, out);
    tracing.inSpan(() => log.info({ user: { id: "u1" }, span_id: "outer-explicit" }, "outer"));
    expect(out.lines).toHaveLength(2);
    for (const line of out.lines) {
      for (const key of ["trace_id", "span_id", "trace_flags"]) {
        expect(countKey(line, key)).toBeLessThanOrEqual(1);
      }
    }
    const [inner, outer] = out.records;
    expect(inner).toMatchObject({ msg: "inner", trace_id: "inner-explicit" });
    expect(outer).toMatchObject({ msg: "outer", span_id: "outer-explicit", user: "u1" });
  });
});

describe(`pino ${latest.version} with a transport (worker thread)`, () => {
  it("captures the span in the calling thread", async () => {
    const dir = mkdtempSync(join(tmpdir(), "logtrace-transport-"));
    const file = join(dir, "out.log");
    const log = latest.pino(
      withTraceContext({ transport: { target: "pino/file", options: { destination: file } } }),
    );
    const ids = tracing.inSpan((span) => {
      log.info("one");
      log.info("two");
      return span.spanContext();
    });
    // Ending the worker-thread stream flushes it; "close" means the file is complete.
    const stream = log[latest.pino.symbols.streamSym];
    await new Promise<void>((resolve) => {
      stream.once("close", () => resolve());
      stream.end();
    });
    const records = readFileSync(file, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(records).toHaveLength(2);
    for (const record of records)
      expect(record).toMatchObject({ trace_id: ids.traceId, span_id: ids.spanId });
  });
});

describe("pino-http", () => {
  async function serve(
    handler: (
      req: import("node:http").IncomingMessage,
      res: import("node:http").ServerResponse,
    ) => void,
  ) {
    const server = createServer((req, res) =>
      tracing.inSpan(() => handler(req, res), { name: "request" }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const request = () =>
      new Promise<void>((resolve, reject) => {
        get({ host: "127.0.0.1", port, path: "/orders/1" }, (res) => {
          res.resume();
          res.on("end", resolve);
        }).on("error", reject);
      });
    return { request, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  const setups = {
    "given a logger": (out: LogCapture) =>
      pinoHttp({ logger: latest.pino(withTraceContext(), out) }),
    "given pino options": (out: LogCapture) => pinoHttp(withTraceContext({}), out),
  };

  for (const [how, makeLogger] of Object.entries(setups)) {
    it(`puts the request's trace into handler and response lines (${how})`, async () => {
      const out = new LogCapture();
      const httpLogger = makeLogger(out);
      const server = await serve((req, res) => {
        httpLogger(req, res);
        req.log.info("handling");
        res.end("ok");
      });
      await server.request();
      await server.request();
      await server.close();
      const spans = tracing
        .finishedSpans()
        .filter((span) => span.name === "request")
        .slice(-2);
      const traceIds = new Set(spans.map((span) => span.spanContext().traceId));
      const records = out.records;
      expect(records.map((r) => r.msg)).toEqual([
        "handling",
        "request completed",
        "handling",
        "request completed",
      ]);
      for (const record of records) expect(traceIds.has(record.trace_id as string)).toBe(true);
      expect(records[0]?.trace_id).toBe(records[1]?.trace_id);
      expect(records[2]?.trace_id).toBe(records[3]?.trace_id);
      expect(records[0]?.trace_id).not.toBe(records[2]?.trace_id);
    });
  }
});

for (const { version, major, pino } of pinoMajors) {
  describe(`pino ${version}: a child with its own formatters.log`, () => {
    // pino lets a child replace the root's formatters.log, ours included.
    const childFormatter = (record: Record<string, unknown>) => ({ ...record, child: true });

    it(
      major >= 9 ? "still carries the fields, from the first line on" : "still writes every line",
      () => {
        const out = new LogCapture();
        const log = pino(withTraceContext(), out).child(
          { c: 1 },
          { formatters: { log: childFormatter } },
        );
        tracing.inSpan((span) => {
          log.info("first");
          log.info("second");
          for (const record of out.records) {
            expect(record).toMatchObject({ child: true, c: 1 });
            if (major >= 9) expect(record.trace_id).toBe(span.spanContext().traceId);
          }
        });
        expect(out.records.map((r) => r.msg)).toEqual(["first", "second"]);
      },
    );

    it.runIf(major >= 9)("lets a trace key passed in the call win, without duplicates", () => {
      const out = new LogCapture();
      const log = warmed(pino, {}, out).child({}, { formatters: { log: childFormatter } });
      tracing.inSpan((span) => {
        log.info({ trace_id: "from-call" }, "explicit");
        log.info("implicit");
        expect(out.records[0]).toMatchObject({ trace_id: "from-call", child: true });
        expect(out.records[0]?.span_id).toBe(span.spanContext().spanId);
        expect(countKey(out.lines[0] as string, "trace_id")).toBe(1);
        expect(out.records[1]?.trace_id).toBe(span.spanContext().traceId);
      });
    });
  });
}
