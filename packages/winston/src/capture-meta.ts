import type { TraceContext } from "@logtrace/core";
import type { TraceFieldsReader } from "@logtrace/core/internal";

// winston copies `defaultMeta` into the record inside the log call (Object.assign runs getters,
// symbol keys too); formats run later, after back-pressure in another async context. So a getter
// on `defaultMeta` captures the span and the format turns it into fields. A private symbol: no
// format sees it, no caller's field clashes. Each capture is used once: winston also copies it
// into a logged object (`logger.error(err)`), which may come back as a later call's metadata and
// override that call's capture; a used one then gives no fields rather than stale ones.

/** The span of one log call. */
export class Capture {
  used = false;

  constructor(readonly context: TraceContext) {}

  /** Shown by util.inspect (winston's prettyPrint) instead of the span's internals. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.used ? "[logtrace: used]" : "[logtrace]";
  }
}

/** Captured without a span: one shared value, told from "no capture" by one comparison. */
export const NO_SPAN: unique symbol = Symbol("logtrace: no span");

/** A fresh slot per configured logger, so two configurations never read each other's capture. */
export function createCaptureSlot(): symbol {
  return Symbol("logtrace");
}

/** The user's `defaultMeta` (descriptors copied, so their getters stay getters) plus ours. */
export function captureDefaultMeta(
  userMeta: object | undefined,
  slot: symbol,
  reader: TraceFieldsReader,
): Record<string | symbol, unknown> {
  const meta: Record<string | symbol, unknown> = {};
  if (userMeta) Object.defineProperties(meta, Object.getOwnPropertyDescriptors(userMeta));
  Object.defineProperty(meta, slot, {
    enumerable: true, // Object.assign copies enumerable properties only.
    configurable: true,
    // In the log call. Never throws: a broken OTel global reads as no span.
    get(): Capture | typeof NO_SPAN {
      const context = reader.context();
      return context === undefined ? NO_SPAN : new Capture(context);
    },
  });
  return meta;
}
