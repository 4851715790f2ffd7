import { getTraceContext } from "@logtrace/core";

// winston copies `defaultMeta` into the record synchronously, inside the `logger.info(...)` call
// (`Object.assign`, which evaluates getters, also for symbol keys), whereas formats run later in
// the stream's `_transform`: after back-pressure that is another async context. So the span is
// captured by a getter on `defaultMeta` and only turned into fields by the format.
//
// The capture lives under a private symbol: JSON, logfmt and printf never see it, and a symbol
// cannot clash with a field of the caller. It holds core's TraceContext, or undefined without a
// span (the format then adds nothing, so no field is ever set to undefined).

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
): Record<string | symbol, unknown> {
  const meta: Record<string | symbol, unknown> = {};
  if (userMeta) Object.defineProperties(meta, Object.getOwnPropertyDescriptors(userMeta));
  Object.defineProperty(meta, slot, {
    enumerable: true, // Object.assign copies enumerable properties only.
    configurable: true,
    get: getTraceContext, // never throws: a broken OTel global reads as "no span"
  });
  return meta;
}
