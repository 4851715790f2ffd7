// Broken states of the OpenTelemetry global that tracing must survive: a log call still writes
// its line, without trace fields, and nothing throws. One list, used by @logtrace/core's tests
// and by the shared adapter contract.

/** The registry slot every @opentelemetry/api 1.x copy shares. */
export const OTEL_API_REGISTRY = Symbol.for("opentelemetry.js.api.1");
const registry = globalThis as unknown as Record<symbol, unknown>;

export interface GlobalCorruption {
  readonly name: string;
  /** Puts the global in this broken state (undo with `restoreRegistry`). */
  readonly apply: () => void;
}

const set = (value: unknown) => () => {
  registry[OTEL_API_REGISTRY] = value;
};

export const globalCorruptions: readonly GlobalCorruption[] = [
  { name: "no registry", apply: () => delete registry[OTEL_API_REGISTRY] },
  { name: "registry is a string", apply: set("corrupted") },
  { name: "context manager missing", apply: set({ version: "1.9.0" }) },
  {
    name: "context manager is not an object with active()",
    apply: set({ version: "1.9.0", context: 42 }),
  },
  {
    name: "active() throws",
    apply: set({
      version: "1.9.0",
      context: {
        active() {
          throw new Error("context manager exploded");
        },
      },
    }),
  },
  {
    name: "active() returns a non-context",
    apply: set({ version: "1.9.0", context: { active: () => "nope" } }),
  },
  {
    name: "getValue throws",
    apply: set({
      version: "1.9.0",
      context: {
        active: () => ({
          getValue() {
            throw new Error("getValue exploded");
          },
        }),
      },
    }),
  },
  {
    name: "registry getter throws",
    apply: () => {
      Object.defineProperty(registry, OTEL_API_REGISTRY, {
        configurable: true,
        enumerable: false,
        get() {
          throw new Error("registry getter exploded");
        },
      });
    },
  },
];

/** Runs `fn` with the global broken, then puts back exactly what was registered before. */
export function withCorruptedGlobal<T>(corruption: GlobalCorruption, fn: () => T): T {
  const descriptor = Object.getOwnPropertyDescriptor(registry, OTEL_API_REGISTRY);
  corruption.apply();
  try {
    return fn();
  } finally {
    delete registry[OTEL_API_REGISTRY];
    if (descriptor) Object.defineProperty(registry, OTEL_API_REGISTRY, descriptor);
  }
}

/** A span whose `spanContext()` throws. */
export const throwingSpan = {
  spanContext(): never {
    throw new Error("broken span");
  },
};
