import { afterEach, describe, expect, it } from "vitest";
import { getTraceContext } from "./trace-context.js";

// The registry slot every @opentelemetry/api 1.x copy shares. These tests corrupt it on purpose;
// each restores it, and this file runs in its own process.
const KEY = Symbol.for("opentelemetry.js.api.1");
const registry = globalThis as unknown as Record<symbol, unknown>;

afterEach(() => {
  delete registry[KEY];
});

describe("getTraceContext with a broken global registry", () => {
  const cases: [string, () => void][] = [
    ["no registry", () => {}],
    [
      "registry is a string",
      () => {
        registry[KEY] = "corrupted";
      },
    ],
    [
      "context manager missing",
      () => {
        registry[KEY] = { version: "1.9.0" };
      },
    ],
    [
      "context manager is not an object with active()",
      () => {
        registry[KEY] = { version: "1.9.0", context: 42 };
      },
    ],
    [
      "active() throws",
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
      "active() returns a non-context",
      () => {
        registry[KEY] = { version: "1.9.0", context: { active: () => "nope" } };
      },
    ],
    [
      "getValue throws",
      () => {
        registry[KEY] = {
          version: "1.9.0",
          context: {
            active: () => ({
              getValue() {
                throw new Error("getValue exploded");
              },
            }),
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

  it.each(cases)("yields no context for: %s", (_name, corrupt) => {
    corrupt();
    expect(() => getTraceContext()).not.toThrow();
    expect(getTraceContext()).toBeUndefined();
  });
});
