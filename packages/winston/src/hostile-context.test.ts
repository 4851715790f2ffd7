import { context, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { afterEach, describe, expect, it } from "vitest";
import winston from "winston";
import { tracedLogger } from "./logger-harness.testutil.js";

// A log call never throws and never loses its line because of tracing, whatever state the
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

describe("a log call with a broken OpenTelemetry global", () => {
  it.each(corruptions)("%s: the line is written, without trace fields", async (_name, corrupt) => {
    const { logger, records } = tracedLogger(winston);
    corrupt();
    expect(() => {
      logger.info("still here", { k: 1 });
      logger.child({ c: 1 }).info({ message: "child too" });
    }).not.toThrow();
    delete registry[KEY];
    const written = await records();
    expect(written.map((record) => record.message)).toEqual(["still here", "child too"]);
    for (const record of written) expect(record).not.toHaveProperty("trace_id");
  });

  it("a span whose spanContext() throws: the line is written, without trace fields", async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const { logger, records } = tracedLogger(winston);
    const broken = {
      spanContext() {
        throw new Error("broken span");
      },
    };
    context.with(trace.setSpan(ROOT_CONTEXT, broken as never), () => {
      expect(() => logger.info("broken span")).not.toThrow();
    });
    const [record] = await records();
    expect(record?.message).toBe("broken span");
    expect(record).not.toHaveProperty("trace_id");
  });
});
