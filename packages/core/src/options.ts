/** Names of the record fields, when `trace_id` / `span_id` / `trace_flags` do not suit. */
export interface LogKeys {
  traceId?: string;
  spanId?: string;
  traceFlags?: string;
}

/** Options shared by every @logtrace adapter. */
export interface TraceFieldOptions {
  /** Rename the fields. Defaults: `trace_id`, `span_id`, `trace_flags`. */
  logKeys?: LogKeys;
  /**
   * Also write the AWS X-Ray form of the trace id (`1-<8 hex>-<24 hex>`): `true` for the key
   * `xray_trace_id`, or a string naming the key.
   */
  xrayTraceId?: boolean | string;
}

/** Options after validation: every key resolved, in output order. */
export interface ResolvedKeys {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: string;
  readonly xrayTraceId: string | undefined;
  readonly all: readonly string[];
}

export const DEFAULT_LOG_KEYS = Object.freeze({
  traceId: "trace_id",
  spanId: "span_id",
  traceFlags: "trace_flags",
});
export const DEFAULT_XRAY_KEY = "xray_trace_id";

const KNOWN_OPTIONS = ["logKeys", "xrayTraceId"];
const KNOWN_LOG_KEYS = Object.keys(DEFAULT_LOG_KEYS);

function fail(message: string): never {
  throw new TypeError(`@logtrace: ${message}`);
}

function describe(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function checkKey(name: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    fail(`${name} must be a non-empty string (got ${describe(value)})`);
  }
  return value;
}

function checkKnown(what: string, value: object, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      fail(`unknown ${what} ${JSON.stringify(key)} (known: ${known.join(", ")})`);
    }
  }
}

/** Validates once, when a logger is configured: a typo fails at start-up, not at log time. */
export function resolveKeys(options: TraceFieldOptions | undefined = {}): ResolvedKeys {
  if (options === null || typeof options !== "object") {
    fail(`options must be an object (got ${describe(options)})`);
  }
  checkKnown("option", options, KNOWN_OPTIONS);
  const logKeys = options.logKeys ?? {};
  if (logKeys === null || typeof logKeys !== "object") {
    fail(`logKeys must be an object (got ${describe(logKeys)})`);
  }
  checkKnown("logKeys entry", logKeys, KNOWN_LOG_KEYS);
  const traceId = checkKey("logKeys.traceId", logKeys.traceId ?? DEFAULT_LOG_KEYS.traceId);
  const spanId = checkKey("logKeys.spanId", logKeys.spanId ?? DEFAULT_LOG_KEYS.spanId);
  const traceFlags = checkKey(
    "logKeys.traceFlags",
    logKeys.traceFlags ?? DEFAULT_LOG_KEYS.traceFlags,
  );

  const xray = options.xrayTraceId;
  let xrayTraceId: string | undefined;
  if (xray === true) xrayTraceId = DEFAULT_XRAY_KEY;
  else if (typeof xray === "string") xrayTraceId = checkKey("xrayTraceId", xray);
  else if (xray !== undefined && xray !== false) {
    fail(`xrayTraceId must be true, false or a key name (got ${describe(xray)})`);
  }

  const all = xrayTraceId
    ? [traceId, spanId, traceFlags, xrayTraceId]
    : [traceId, spanId, traceFlags];
  const seen = new Set<string>();
  for (const key of all) {
    if (seen.has(key)) fail(`log keys must be distinct; ${JSON.stringify(key)} is used twice`);
    seen.add(key);
  }
  return Object.freeze({ traceId, spanId, traceFlags, xrayTraceId, all: Object.freeze(all) });
}
