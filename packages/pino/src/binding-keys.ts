// Child bindings are serialized once when pino creates a child, so a mixin cannot see them in the
// merge object; a trace key bound on a child would then be written twice. pino ≥ 8 passes the
// logger to the mixin; its bindings are read once per logger.

interface LoggerWithBindings {
  bindings?: () => Record<string, unknown>;
}

const boundKeysByLogger = new WeakMap<object, ReadonlySet<string>>();
const NONE: ReadonlySet<string> = new Set();

/** The binding names of a pino logger among `keys`, cached per logger instance. */
export function boundTraceKeys(logger: unknown, keys: readonly string[]): ReadonlySet<string> {
  if (logger === null || typeof logger !== "object") return NONE;
  let found = boundKeysByLogger.get(logger);
  if (found === undefined) {
    found = NONE;
    try {
      const bindings = (logger as LoggerWithBindings).bindings?.();
      if (bindings) {
        const present = keys.filter((key) => bindings[key] !== undefined);
        if (present.length > 0) found = new Set(present);
      }
    } catch {
      // A logger whose bindings cannot be read is treated as having none.
    }
    boundKeysByLogger.set(logger, found);
  }
  return found;
}
