/**
 * OTEL_RESOURCE_ATTRIBUTES exactly as `@opentelemetry/resources` >= 2.6 reads it (its
 * `ResourceAttributesEnvDetector`), so that we can tell in advance what the SDK will keep:
 *
 * - entries are split on `,`; from 2.7 on, entries that are empty or whitespace are skipped,
 *   while 2.6.x throws on them (so a trailing comma loses the whole variable on 2.6.x only);
 * - each entry must split on `=` into exactly two parts (`a=b=c` and `a` are errors);
 * - key and value are trimmed, the key must not be empty;
 * - both are percent-decoded with `decodeURIComponent` (a bad escape such as `100%` is an error);
 * - the decoded key and the decoded value must each be at most 255 characters;
 * - a later duplicate key wins.
 *
 * One error anywhere makes the SDK discard the WHOLE variable (every attribute, `service.name`
 * included), reported only at debug level. That is why the parser names each bad entry.
 */

/** The SDK's limit on a decoded key and on a decoded value, in UTF-16 code units. */
export const OTEL_RESOURCE_ATTRIBUTE_MAX_LENGTH = 255;

/** Which versions of `@opentelemetry/resources` discard the whole variable because of a problem. */
export type DiscardedBy = "all" | "2.6.x";

export interface ResourceAttributeProblem {
  /** The entry as written between two commas. */
  entry: string;
  /** Position of the entry among all comma-separated parts (0-based). */
  index: number;
  /** One sentence: why the SDK rejects it and what to write instead. */
  reason: string;
  /** `"all"`: every version >= 2.6 discards the variable; `"2.6.x"`: only 2.6.x does. */
  discardedBy: DiscardedBy;
}

export interface ResourceAttributeEntry {
  /** The entry as written between two commas. */
  raw: string;
  index: number;
  key: string;
  value: string;
}

export interface ParsedResourceAttributes {
  /** The well-formed entries, decoded, in order (duplicates kept; the SDK keeps the last one). */
  entries: ResourceAttributeEntry[];
  /** Decoded attributes as the SDK would produce them when `valid` is true. */
  attributes: Record<string, string>;
  /** The malformed entries, each with the reason. */
  problems: ResourceAttributeProblem[];
  /** False when every SDK version >= 2.6 discards the whole variable. */
  valid: boolean;
  /** False when some supported SDK version (2.6.x included) discards the whole variable. */
  validForAllVersions: boolean;
}

/** Parses an OTEL_RESOURCE_ATTRIBUTES value the way `@opentelemetry/resources` >= 2.6 does. */
export function parseOtelResourceAttributes(value: string): ParsedResourceAttributes {
  const entries: ResourceAttributeEntry[] = [];
  const problems: ResourceAttributeProblem[] = [];
  const attributes: Record<string, string> = {};
  // The SDK treats an unset, empty or whitespace-only variable as absent.
  const parts = value.trim() === "" ? [] : value.split(",");

  parts.forEach((raw, index) => {
    const problem = (reason: string, discardedBy: DiscardedBy = "all") =>
      problems.push({ entry: raw, index, reason, discardedBy });

    if (raw.trim() === "") {
      problem(
        "empty entry (a doubled or trailing comma): @opentelemetry/resources 2.6.x discards the whole variable, 2.7+ skips it",
        "2.6.x",
      );
      return;
    }
    const pieces = raw.split("=");
    if (pieces.length !== 2) {
      problem(
        pieces.length === 1
          ? "no '=' between key and value"
          : `${pieces.length - 1} '=' characters; a '=' inside a key or value must be written %3D`,
      );
      return;
    }
    const key = (pieces[0] ?? "").trim();
    const rawValue = (pieces[1] ?? "").trim();
    if (key === "") {
      problem("empty key");
      return;
    }
    const decodedKey = decode(key);
    const decodedValue = decode(rawValue);
    if (decodedKey === undefined || decodedValue === undefined) {
      problem("bad percent-escape; a literal '%' must be written %25");
      return;
    }
    if (decodedKey.length > OTEL_RESOURCE_ATTRIBUTE_MAX_LENGTH) {
      problem(`key is ${decodedKey.length} characters once decoded; the limit is 255`);
      return;
    }
    if (decodedValue.length > OTEL_RESOURCE_ATTRIBUTE_MAX_LENGTH) {
      problem(`value is ${decodedValue.length} characters once decoded; the limit is 255`);
      return;
    }
    entries.push({ raw, index, key: decodedKey, value: decodedValue });
    attributes[decodedKey] = decodedValue;
  });

  const valid = problems.every((p) => p.discardedBy !== "all");
  return {
    entries,
    attributes: valid ? attributes : {},
    problems,
    valid,
    validForAllVersions: problems.length === 0,
  };
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

// Printable ASCII stays readable (`/`, `:`, `&`, `#` are common in ARNs and group names);
// `%`, `,` and `=` must be escaped, and so must spaces and controls (the SDK trims keys and
// values) and anything outside ASCII (so the variable survives any locale).
const MUST_ENCODE = /[^\x21-\x7e]|[%,=]/gu;

/** Percent-encodes a key or value so that the SDK decodes it back to exactly `text`. */
export function encodeOtelResourceAttributeText(text: string): string {
  return text.replace(MUST_ENCODE, (char) => encodeURIComponent(char));
}

/** True when `text` (decoded) is within the SDK's 255-character limit. */
export function fitsOtelResourceAttributeLimit(text: string): boolean {
  return text.length <= OTEL_RESOURCE_ATTRIBUTE_MAX_LENGTH;
}

/**
 * Formats attributes as an OTEL_RESOURCE_ATTRIBUTES value that the SDK decodes back to exactly
 * these attributes. Throws a RangeError rather than produce a value the SDK would discard.
 */
export function formatOtelResourceAttributes(
  attributes: Record<string, string> | ReadonlyArray<readonly [string, string]>,
): string {
  const pairs = Array.isArray(attributes)
    ? (attributes as ReadonlyArray<readonly [string, string]>)
    : Object.entries(attributes);
  return pairs
    .map(([key, value]) => {
      if (key === "") throw new RangeError("resource attribute key must not be empty");
      for (const [what, text] of [
        ["key", key],
        ["value", value],
      ] as const) {
        if (!fitsOtelResourceAttributeLimit(text)) {
          throw new RangeError(
            `resource attribute ${what} of "${key.slice(0, 40)}" is ${text.length} characters; OTEL_RESOURCE_ATTRIBUTES allows 255`,
          );
        }
      }
      return `${encodeOtelResourceAttributeText(key)}=${encodeOtelResourceAttributeText(value)}`;
    })
    .join(",");
}

/**
 * Appends already-formatted entries to the user's value, keeping every user entry verbatim.
 * Only trailing separators are dropped, so that the join never creates an empty entry.
 */
export function appendOtelResourceAttributes(userValue: string | undefined, formatted: string) {
  const kept = (userValue ?? "").replace(/[\s,]+$/u, "");
  if (formatted === "") return kept;
  return kept.trim() === "" ? formatted : `${kept},${formatted}`;
}
