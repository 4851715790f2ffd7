import type { TraceContext } from "@logtrace/core";
import type { TraceFieldsReader } from "@logtrace/core/internal";

// winston copies `defaultMeta` into the record synchronously, inside the `logger.info(...)` call
// (`Object.assign`, which evaluates getters, also for symbol keys), whereas formats run later in
// the stream's `_transform`: after back-pressure that is another async context. So the span is
// captured by a getter on `defaultMeta` and only turned into fields by the format.
//
// The capture lives under a private symbol: JSON, logfmt and printf never see it, and a symbol
// cannot clash with a field of the caller. Each call gets its own Capture, used once: winston
// also copies it into an object the caller logs (`logger.error(err)` puts it on `err`), and when
// that object comes back as the metadata of a later call (`logger.error("failed", err)`), winston's
// merge lets its old capture override the new one. A used capture is recognised as such, so that
// line is written without fields rather than with the first call's span.

/** The span of one log call, as captured in the call. */
export class Capture {
  /** Set once a format turned this capture into fields. */
  used = false;

  constructor(readonly context: TraceContext) {}

  /** Shown by util.inspect (winston's prettyPrint) instead of the span's internals. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.used ? "[logtrace: used]" : "[logtrace]";
  }
}

/**
 * What a call made without an active span captures: one shared value, so that the format tells
 * "no span at the call" from "no capture at all" by one comparison.
 */
export const NO_SPAN: unique symbol = Symbol("logtrace: no span");

/** A fresh slot per configured logger, so two configurations never read each other's capture. */
export function createCaptureSlot(): symbol {
  return Symbol("logtrace");
}

/**
 * The `defaultMeta` to give winston: the user's own properties, copied with their descriptors (a
 * getter of theirs stays a getter, evaluated per log as before), plus the capturing getter.
 */
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
    // Runs in the log call. NO_SPAN without a span (no allocation on that path). Never throws:
    // a broken OTel global reads as "no span".
    get(): Capture | typeof NO_SPAN {
      const context = reader.context();
      return context === undefined ? NO_SPAN : new Capture(context);
    },
  });
  return meta;
}
