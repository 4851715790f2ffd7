import { startTracing } from "@logtrace/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { bunyanVersions } from "./bunyan-versions.testutil.js";
import { lineSink, recordSink } from "./sinks.testutil.js";
import { withTraceContext } from "./with-trace-context.js";

const tracing = startTracing();
afterAll(() => tracing.shutdown());
const { bunyan } = bunyanVersions[bunyanVersions.length - 1] as (typeof bunyanVersions)[number];

describe("withTraceContext options", () => {
  it("keeps every bunyan option, its own fields included", () => {
    const sink = lineSink();
    const serializers = { user: (user: { id: string }) => user.id };
    const log = bunyan.createLogger(
      withTraceContext({
        name: "kept",
        level: "warn",
        service: "orders",
        serializers,
        stream: sink.stream,
      }),
    );
    log.info("below the level");
    tracing.inSpan(() => log.warn({ user: { id: "u-1", secret: "x" } }, "kept"));
    const [record] = sink.records();
    expect(sink.records()).toHaveLength(1);
    expect(record).toMatchObject({ name: "kept", service: "orders", user: "u-1", level: 40 });
    expect(record?.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(record).not.toHaveProperty("toJSON");
  });

  it("does not mutate the options or stream entries passed in", () => {
    const ring = new bunyan.RingBuffer({ limit: 2 });
    const entry = { type: "raw", stream: ring };
    const given = { name: "pure", streams: [entry] };
    withTraceContext(given);
    expect(given).toEqual({ name: "pure", streams: [entry] });
    expect(given.streams[0]).toBe(entry);
    expect(entry.stream).toBe(ring);
  });

  it("raw streams only: the stream bunyan holds still reaches the user's (a RingBuffer's records)", () => {
    const ring = new bunyan.RingBuffer({ limit: 2 });
    const log = bunyan.createLogger(
      withTraceContext({ name: "ring", streams: [{ type: "raw", stream: ring }] }),
    );
    log.info("one");
    expect(log.streams[0].stream.records).toBe(ring.records);
    expect(log.streams[0].stream).toBeInstanceOf(bunyan.RingBuffer);
    expect(ring.records).toHaveLength(1);
  });

  it("a raw stream without write() is left for bunyan to report", () => {
    expect(() =>
      bunyan.createLogger(
        withTraceContext({ name: "broken", streams: [{ type: "raw", stream: {} }] }),
      ),
    ).not.toThrow(/@logtrace/);
  });

  it("a raw sink works with several loggers and their children", () => {
    const raw = recordSink();
    const a = bunyan.createLogger(
      withTraceContext({ name: "a", streams: [{ type: "raw", stream: raw.stream }] }),
    );
    const b = bunyan.createLogger(
      withTraceContext({ name: "b", streams: [{ type: "raw", stream: raw.stream }] }),
    );
    tracing.inSpan(() => {
      a.child({ c: 1 }).info("a");
      b.info("b");
    });
    expect(raw.records.map((record) => [record.name, typeof record.trace_id])).toEqual([
      ["a", "string"],
      ["b", "string"],
    ]);
  });

  const bad: [string, () => unknown, RegExp][] = [
    ["no options", () => withTraceContext(undefined as never), /takes the bunyan options object/],
    ["options an array", () => withTraceContext([] as never), /takes the bunyan options object/],
    [
      "a toJSON of the user's",
      () => withTraceContext({ name: "x", toJSON: () => ({}) }),
      /toJSON is where the trace fields are added/,
    ],
    [
      "unknown trace option",
      () => withTraceContext({ name: "x" }, { logkeys: {} } as never),
      /unknown option "logkeys"/,
    ],
    [
      "bad key",
      () => withTraceContext({ name: "x" }, { logKeys: { spanId: "" } }),
      /logKeys.spanId/,
    ],
  ];
  it.each(bad)("rejects %s with one clear TypeError", (_name, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });
});
