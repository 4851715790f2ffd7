import { createRequire } from "node:module";

/**
 * Loads a dependency only when the configuration asks for it (an exporter, a sampler, an
 * instrumentation): importing every possibility is what makes the stock register slow.
 * The CommonJS builds are used from both preload flavours; the OpenTelemetry API keeps its
 * state on a global, so they interoperate with an app that imports the ESM builds.
 */
export const load = createRequire(import.meta.url);
