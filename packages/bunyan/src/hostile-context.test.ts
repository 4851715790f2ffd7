import { context, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { afterEach, describe, expect, it } from "vitest";
import { bunyanVersions } from "./bunyan-versions.testutil.js";
import { lineSink, recordSink } from "./sinks.testutil.js";
import { withTraceContext } from "./with-trace-context.js";

// A log call never throws and never loses its record because of tracing, whatever state the
// OpenTelemetry global is in. (This file runs in its own process; each case restores the global.)

const KEY = Symbol.for("opentelemetry.js.api.1");
const registry = globalThis as unknown as Record<symbol, unknown>;

afterEach(() => {
  context.disable();
  delete registry[KEY];
});

const corruptions: [string, () => void][] = [
  [
    "registry is a string",
    () => {
      registry[KEY] = "corrupted";
    },
  ],
  [
    "context manager throws",
    () => {
      registry[KEY] = {
        version: "1.9.0",
        context: {
          active() {
            throw new Error("context manager exploded");
          },
        },
      };
    },
  ],
  [
    "registry getter throws",
    () => {
      Object.defineProperty(registry, KEY, {
        configurable: true,
        get() {
          throw new Error("registry getter exploded");
        },
      });
    },
  ],
];

// biome-ignore lint/suspicious/noExplicitAny: bunyan module of any major.
function loggers(bunyan: any) {
  const lines = lineSink();
  const rawOnly = recordSink();
  return {
    lines,
    rawOnly,
    all: [
      bunyan.createLogger(withTraceContext({ name: "lines", stream: lines.stream })),
      bunyan.createLogger(
        withTraceContext({ name: "raw", streams: [{ type: "raw", stream: rawOnly.stream }] }),
      ),
    ],
  };
}

for (const { version, bunyan } of bunyanVersions) {
  describe(`bunyan ${version}: a log call with a broken OpenTelemetry global`, () => {
    it.each(corruptions)("%s: the record is written, without trace fields", (_name, corrupt) => {
      const { lines, rawOnly, all } = loggers(bunyan);
      corrupt();
      for (const log of all) {
        expect(() => {
          log.info({ k: 1 }, "still here");
          log.child({ c: 1 }).info("child too");
        }).not.toThrow();
      }
      delete registry[KEY];
      for (const records of [lines.records(), rawOnly.records]) {
        expect(records.map((record) => record.msg)).toEqual(["still here", "child too"]);
        for (const record of records) expect(record).not.toHaveProperty("trace_id");
      }
    });

    it("a span whose spanContext() throws: the record is written, without trace fields", () => {
      context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
      const { lines, rawOnly, all } = loggers(bunyan);
      const broken = {
        spanContext() {
          throw new Error("broken span");
        },
      };
      context.with(trace.setSpan(ROOT_CONTEXT, broken as never), () => {
        for (const log of all) expect(() => log.info("broken span")).not.toThrow();
      });
      for (const record of [...lines.records(), ...rawOnly.records]) {
        expect(record.msg).toBe("broken span");
        expect(record).not.toHaveProperty("trace_id");
      }
    });
  });
}
