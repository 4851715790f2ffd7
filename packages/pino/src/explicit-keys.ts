import type { TraceFieldsReader } from "@logtrace/core/internal";

// Which trace keys a log call already carries: those the caller passed in the merge object and
// those a child logger (or `base`) binds. Theirs win, and no key may be written twice.

interface LoggerWithBindings {
  bindings?: () => Record<string, unknown>;
}

const NONE: ReadonlySet<string> = new Set();
const boundByLogger = new WeakMap<object, ReadonlySet<string>>();
// Most lines come from the logger that wrote the previous one.
let lastLogger: object | undefined;
let lastKeys: readonly string[] | undefined;
let lastFound: ReadonlySet<string> = NONE;
let lastQuotedFor: readonly string[] | undefined;
let lastQuoted: readonly string[] = [];
let chindingsSymbol: symbol | undefined;

/**
 * Trace keys among a logger's bindings, read once per instance: pino serializes bindings when it
 * makes a child, so no per-call hook sees them. A later `setBindings` is not seen.
 */
export function boundTraceKeys(logger: unknown, keys: readonly string[]): ReadonlySet<string> {
  if (logger === null || typeof logger !== "object") return NONE;
  if (logger === lastLogger && keys === lastKeys) return lastFound;
  let found = boundByLogger.get(logger);
  if (found === undefined) {
    found = NONE;
    try {
      const serialized = serializedBindings(logger);
      const mayBind =
        serialized === undefined || quotedKeys(keys).some((quoted) => serialized.includes(quoted));
      const bindings = mayBind ? (logger as LoggerWithBindings).bindings?.() : undefined;
      if (bindings) {
        const present = keys.filter((key) => bindings[key] !== undefined);
        if (present.length > 0) found = new Set(present);
      }
    } catch {
      // Unreadable bindings count as none.
    }
    boundByLogger.set(logger, found);
  }
  lastLogger = logger;
  lastKeys = keys;
  lastFound = found;
  return found;
}

/**
 * The bindings as pino serialized them (`pino.symbols.chindingsSym`, documented for integrations).
 * `bindings()` parses that string: a child made per request (pino-http) would pay a JSON.parse of
 * the request on its first line, where a substring search nearly always says no trace key is there.
 */
function serializedBindings(logger: object): string | undefined {
  // Each pino copy has its own symbol; the last one found is nearly always the one.
  let symbol =
    chindingsSymbol !== undefined && chindingsSymbol in logger ? chindingsSymbol : undefined;
  if (symbol === undefined) {
    symbol = Object.getOwnPropertySymbols(logger).find(
      (candidate) => candidate.description === "pino.chindings",
    );
    if (symbol === undefined) return undefined;
    chindingsSymbol = symbol;
  }
  const value = (logger as Record<symbol, unknown>)[symbol];
  return typeof value === "string" ? value : undefined;
}

/** Each key as it starts a member of serialized JSON: `"key":`. */
function quotedKeys(keys: readonly string[]): readonly string[] {
  if (keys !== lastQuotedFor) {
    lastQuoted = keys.map((key) => `${JSON.stringify(key)}:`);
    lastQuotedFor = keys;
  }
  return lastQuoted;
}

/** Trace keys the caller passed with a defined value in a merge object, or undefined if none. */
export function passedTraceKeys(
  mergeObject: unknown,
  keys: readonly string[],
): ReadonlySet<string> | undefined {
  if (mergeObject === null || typeof mergeObject !== "object") return undefined;
  const record = mergeObject as Record<string, unknown>;
  let passed: Set<string> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (record[key] === undefined) continue;
    passed ??= new Set();
    passed.add(key);
  }
  // pino logs an Error under `err`, so its own properties never reach the top level.
  return passed && !(mergeObject instanceof Error) ? passed : undefined;
}

/**
 * Trace keys written as member names in a line from `from` on, for a record we never saw. A nested
 * object's key counts too: ours is then left out rather than written twice.
 */
export function keysWrittenIn(
  line: string,
  keys: readonly string[],
  from: number,
): ReadonlySet<string> {
  const written = keys.filter((key) => line.indexOf(`${JSON.stringify(key)}:`, from) !== -1);
  return written.length > 0 ? new Set(written) : NONE;
}

/** The active span's fields minus the excluded keys; undefined without an active span. */
export function fieldsExcept(
  reader: TraceFieldsReader,
  ...excluded: (ReadonlySet<string> | undefined)[]
): Record<string, string> | undefined {
  const fields = reader.fields();
  if (!fields) return undefined;
  const skip = excluded.filter((set) => set !== undefined && set.size > 0);
  if (skip.length === 0) return fields;
  const kept: Record<string, string> = {};
  for (const key of reader.keys.all) {
    if (!skip.some((set) => set?.has(key))) kept[key] = fields[key] as string;
  }
  return kept;
}

/** JSON members (`"k":"v",…`) of the given fields. */
export function toMembers(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`)
    .join(",");
}
