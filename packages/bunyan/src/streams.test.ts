import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTracing, type Tracing } from "@logtrace/testkit";
import type { SpanContext } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bunyanVersions } from "./bunyan-versions.testutil.js";
import { lineSink, recordSink } from "./sinks.testutil.js";
import { withTraceContext } from "./with-trace-context.js";

// Every kind of bunyan stream gets the fields of the span active at the log call. (stdout is
// covered by the child-process tests in e2e/, which read a real process's stdout.)

let tracing: Tracing;
let dir: string;
beforeAll(() => {
  tracing = startTracing();
  dir = mkdtempSync(join(tmpdir(), "logtrace-bunyan-"));
});
afterAll(async () => {
  await tracing.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

function ids(span: { spanContext(): SpanContext }) {
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId, trace_flags: "01" };
}

async function readWhenWritten(path: string, lineCount: number): Promise<string[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    let lines: string[] = [];
    try {
      lines = readFileSync(path, "utf8").split("\n").filter(Boolean);
    } catch {
      // not created yet
    }
    if (lines.length >= lineCount) return lines;
    if (Date.now() > deadline) throw new Error(`${path}: ${lines.length} of ${lineCount} lines`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const TRACE_KEYS = ["trace_id", "span_id", "trace_flags"];

for (const { version, bunyan } of bunyanVersions) {
  describe(`bunyan ${version}: stream types`, () => {
    it("file path", async () => {
      const path = join(dir, `file-${version}.log`);
      const log = bunyan.createLogger(withTraceContext({ name: "file", streams: [{ path }] }));
      const expected = tracing.inSpan((span) => {
        log.info({ k: 1 }, "to a file");
        return ids(span);
      });
      log.info("no span");
      const [inSpan, noSpan] = (await readWhenWritten(path, 2)).map((l) => JSON.parse(l));
      expect(inSpan).toMatchObject({ msg: "to a file", k: 1, ...expected });
      for (const key of TRACE_KEYS) expect(noSpan).not.toHaveProperty(key);
    });

    it("rotating-file", async () => {
      const path = join(dir, `rotating-${version}.log`);
      const log = bunyan.createLogger(
        withTraceContext({
          name: "rotating",
          streams: [{ type: "rotating-file", path, period: "1d", count: 2 }],
        }),
      );
      const expected = tracing.inSpan((span) => {
        log.info("rotating");
        return ids(span);
      });
      const [line] = await readWhenWritten(path, 1);
      expect(JSON.parse(line as string)).toMatchObject(expected);
      log.streams[0].stream.end(); // its rotation timer is unref()ed
    });

    it("a writable stream given as `stream`", () => {
      const sink = lineSink();
      const log = bunyan.createLogger(withTraceContext({ name: "stream", stream: sink.stream }));
      const expected = tracing.inSpan((span) => {
        log.warn("one stream");
        return ids(span);
      });
      expect(sink.records()[0]).toMatchObject({ level: 40, ...expected });
    });

    for (const company of ["beside a non-raw stream", "alone"]) {
      it(`raw stream ${company}: the record object already carries the fields`, () => {
        const raw = recordSink();
        const streams = [{ type: "raw", stream: raw.stream }];
        if (company !== "alone") streams.unshift({ stream: lineSink().stream } as never);
        const log = bunyan.createLogger(withTraceContext({ name: "raw", streams }));
        let seenInWrite: unknown;
        const original = raw.stream.write;
        raw.stream.write = (record) => {
          seenInWrite = record.trace_id; // read synchronously, inside the log call
          return original(record);
        };
        const expected = tracing.inSpan((span) => {
          log.info({ k: 1 }, "raw");
          return ids(span);
        });
        expect(seenInWrite).toBe(expected.trace_id);
        expect(raw.records[0]).toMatchObject({ msg: "raw", k: 1, ...expected });
        expect(typeof raw.records[0]?.toJSON).not.toBe("function");
        // A clean record: its keys, a spread or an Object.assign copy show no toJSON.
        expect(Object.keys(raw.records[0] ?? {})).not.toContain("toJSON");
        expect({ ...raw.records[0] }).not.toHaveProperty("toJSON");
      });

      it(`bunyan.RingBuffer ${company}, dumped later from another span`, async () => {
        const ring = new bunyan.RingBuffer({ limit: 10 });
        const streams = [{ type: "raw", stream: ring }];
        if (company !== "alone") streams.unshift({ stream: lineSink().stream } as never);
        const log = bunyan.createLogger(withTraceContext({ name: "ring", streams }));
        const expected = tracing.inSpan((span) => {
          log.error({ k: 1 }, "kept in memory");
          return ids(span);
        });
        log.info("no span");
        for (const record of ring.records) expect(Object.keys(record)).not.toContain("toJSON");
        // Serialized long after the calls, inside an unrelated span: the records keep their own.
        const dumped = await tracing.inSpan(async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          return JSON.parse(JSON.stringify(ring.records)) as Record<string, unknown>[];
        });
        expect(dumped[0]).toMatchObject({ msg: "kept in memory", ...expected });
        for (const key of TRACE_KEYS) expect(dumped[1]).not.toHaveProperty(key);
      });
    }

    it("per-stream levels: each stream gets the fields in the records it takes", () => {
      const debug = lineSink();
      const errors = recordSink();
      const log = bunyan.createLogger(
        withTraceContext({
          name: "levels",
          streams: [
            { level: "debug", stream: debug.stream },
            { level: "error", type: "raw", stream: errors.stream },
          ],
        }),
      );
      const expected = tracing.inSpan((span) => {
        log.debug("debug");
        log.error("error");
        return ids(span);
      });
      expect(debug.records()).toHaveLength(2);
      for (const record of debug.records()) expect(record).toMatchObject(expected);
      expect(errors.records).toHaveLength(1);
      expect(errors.records[0]).toMatchObject({ msg: "error", ...expected });
    });
  });

  describe(`bunyan ${version}: streams added later with addStream`, () => {
    it("a non-raw and a raw stream added to a logger with a non-raw stream", () => {
      const log = bunyan.createLogger(withTraceContext({ name: "add", stream: lineSink().stream }));
      const added = lineSink();
      const addedRaw = recordSink();
      log.addStream({ stream: added.stream });
      log.addStream({ type: "raw", stream: addedRaw.stream });
      const expected = tracing.inSpan((span) => {
        log.info("after addStream");
        return ids(span);
      });
      expect(added.records()[0]).toMatchObject(expected);
      expect(addedRaw.records[0]).toMatchObject(expected);
    });

    it("streams: [] and every stream added later", () => {
      const log = bunyan.createLogger(withTraceContext({ name: "empty", streams: [] }));
      const added = lineSink();
      log.addStream({ stream: added.stream, level: "debug" });
      const expected = tracing.inSpan((span) => {
        log.debug("added to an empty logger");
        return ids(span);
      });
      expect(added.records()[0]).toMatchObject(expected);
    });

    it("raw-only logger: a raw stream added later has the fields of records a configured raw stream took, none otherwise, never wrong ones", async () => {
      const configured = recordSink();
      const log = bunyan.createLogger(
        withTraceContext({
          name: "raw-only",
          streams: [{ type: "raw", level: "warn", stream: configured.stream }],
        }),
      );
      const added = recordSink();
      log.addStream({ type: "raw", level: "debug", stream: added.stream });
      const expected = tracing.inSpan((span) => {
        log.warn("both streams");
        log.debug("added stream only");
        return ids(span);
      });
      const [both, addedOnly] = await tracing.inSpan(async () =>
        added.records.map((record) => JSON.parse(JSON.stringify(record))),
      );
      expect(both).toMatchObject(expected);
      for (const key of TRACE_KEYS) expect(addedOnly).not.toHaveProperty(key);
    });
  });

  describe(`bunyan ${version}: records no non-raw stream made bunyan serialize`, () => {
    it("streams: [] and raw streams only added later: a dump never takes another span", async () => {
      const log = bunyan.createLogger(withTraceContext({ name: "late", streams: [] }));
      const ring = new bunyan.RingBuffer({ limit: 5 });
      log.addStream({ type: "raw", stream: ring });
      tracing.inSpan(() => log.info("never serialized in the call"));
      const dumped = await tracing.inSpan(async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return JSON.parse(JSON.stringify(ring.records)) as Record<string, unknown>[];
      });
      expect(dumped[0]).toMatchObject({ msg: "never serialized in the call" });
      for (const key of TRACE_KEYS) expect(dumped[0]).not.toHaveProperty(key);
    });
  });

  describe(`bunyan ${version}: child loggers`, () => {
    it("log.child({...}), simple children and grandchildren", () => {
      const sink = lineSink();
      const log = bunyan.createLogger(withTraceContext({ name: "children", stream: sink.stream }));
      const expected = tracing.inSpan((span) => {
        log.child({ component: "db" }).info("child");
        log.child({ reqId: 7 }, true).info("simple child");
        log.child({ component: "db" }).child({ reqId: 8 }, true).info("grandchild");
        log.child({ level: "debug" }).debug("child with its own level");
        return ids(span);
      });
      const records = sink.records();
      expect(records.map((r) => r.msg)).toEqual([
        "child",
        "simple child",
        "grandchild",
        "child with its own level",
      ]);
      for (const record of records) expect(record).toMatchObject(expected);
      expect(records[2]).toMatchObject({ component: "db", reqId: 8 });
    });

    it("a key bound by a child or passed in the call wins, in lines and raw records", () => {
      const sink = lineSink();
      const raw = recordSink();
      const log = bunyan.createLogger(
        withTraceContext({
          name: "explicit",
          streams: [{ stream: sink.stream }, { type: "raw", stream: raw.stream }],
        }),
      );
      tracing.inSpan(() => {
        log.child({ trace_id: "bound" }).info("bound");
        log.child({ span_id: "bound-simple" }, true).info("bound simple");
        log.info({ trace_flags: "passed" }, "passed");
      });
      log.info({ trace_id: "passed, no span" }, "no span");
      for (const records of [sink.records(), raw.records]) {
        expect(records[0]?.trace_id).toBe("bound");
        expect(records[1]?.span_id).toBe("bound-simple");
        expect(records[2]?.trace_flags).toBe("passed");
        expect(records[3]?.trace_id).toBe("passed, no span");
        expect(records[3]).not.toHaveProperty("span_id");
        for (const record of records.slice(0, 3)) expect(record.trace_id).toBeTypeOf("string");
      }
      for (const line of sink.lines)
        expect(line.split('"trace_id":').length).toBeLessThanOrEqual(2);
    });
  });

  describe(`bunyan ${version}: what the logger shows of itself`, () => {
    it("serializing log.fields shows plain fields and leaves them armed", () => {
      const sink = lineSink();
      const log = bunyan.createLogger(withTraceContext({ name: "fields", stream: sink.stream }));
      const shown = JSON.parse(JSON.stringify(log.fields));
      expect(shown).toMatchObject({ name: "fields" });
      expect(shown).not.toHaveProperty("trace_id");
      const expected = tracing.inSpan((span) => {
        JSON.stringify(log.fields); // inside a span too: still no fields of its own
        log.info("after");
        return ids(span);
      });
      expect(typeof log.fields.toJSON).toBe("function");
      expect(JSON.parse(JSON.stringify(log.fields))).not.toHaveProperty("trace_id");
      expect(sink.records()[0]).toMatchObject(expected);
    });
  });
}
