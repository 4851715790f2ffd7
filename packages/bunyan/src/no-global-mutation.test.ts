import { startTracing } from "@logtrace/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { bunyanVersions } from "./bunyan-versions.testutil.js";
import { lineSink, recordSink } from "./sinks.testutil.js";
import { withTraceContext } from "./with-trace-context.js";

// Nothing of bunyan is patched: its module exports, the Logger prototype and the RingBuffer
// prototype are exactly what they were after loggers of every kind were made and used.

const tracing = startTracing();
afterAll(() => tracing.shutdown());

/** Every own property (string and symbol keys) with its descriptor, values by identity. */
function snapshot(target: object) {
  return Reflect.ownKeys(target).map((key) => {
    const { value, get, set, writable, enumerable, configurable } =
      Object.getOwnPropertyDescriptor(target, key) ?? {};
    return { key, value, get, set, writable, enumerable, configurable };
  });
}

for (const { version, bunyan } of bunyanVersions) {
  describe(`bunyan ${version}`, () => {
    it("module exports and prototypes are untouched", () => {
      const before = {
        exports: snapshot(bunyan),
        logger: snapshot(bunyan.prototype),
        ring: snapshot(bunyan.RingBuffer.prototype),
        objectProto: snapshot(Object.prototype),
      };
      const ring = new bunyan.RingBuffer({ limit: 5 });
      const loggers = [
        bunyan.createLogger(withTraceContext({ name: "a", stream: lineSink().stream })),
        bunyan.createLogger(
          withTraceContext({ name: "b", streams: [{ type: "raw", stream: ring }] }),
        ),
        bunyan.createLogger(
          withTraceContext({
            name: "c",
            streams: [{ stream: lineSink().stream }, { type: "raw", stream: recordSink().stream }],
          }),
        ),
      ];
      tracing.inSpan(() => {
        for (const log of loggers) {
          log.info("x");
          log.child({ c: 1 }).info("y");
          log.child({ s: 1 }, true).info("z");
          log.addStream({ type: "raw", stream: recordSink().stream });
          log.info("after addStream");
        }
      });
      expect(ring.records).toHaveLength(4);
      expect(snapshot(bunyan)).toEqual(before.exports);
      expect(snapshot(bunyan.prototype)).toEqual(before.logger);
      expect(snapshot(bunyan.RingBuffer.prototype)).toEqual(before.ring);
      expect(snapshot(Object.prototype)).toEqual(before.objectProto);
      expect(bunyan.createLogger({ name: "plain" })).toBeInstanceOf(bunyan);
    });
  });
}
