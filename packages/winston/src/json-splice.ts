import logform from "logform";
import type { WinstonFormat } from "./trace-format.js";

// logform's json() sorts and escapes every key of every line, so three more keys cost it far more
// than the line needs. When the format is exactly json() (from any logform copy) writing a compact
// line (no `space`, no `replacer`), the serialized fields are appended to its line instead and put
// on the record afterwards, for transports. combine(...) hides its formats: it gets keys first.

const MESSAGE = Symbol.for("message");
const OPENING_BRACE = 0x7b;
const CLOSING_BRACE = 0x7d;

/** The transform every instance of logform's json() shares (a prototype method). */
const jsonTransform = logform.format.json().transform;
const jsonSource = Function.prototype.toString.call(jsonTransform);

interface JsonOptions {
  space?: unknown;
  replacer?: unknown;
}

/**
 * True when `format` is logform's json(): ours, or the same code from another logform copy
 * (package managers and bundlers may give winston its own; json.js loads lazily).
 */
export function isLogformJson(format: WinstonFormat): boolean {
  const transform = format.transform;
  if (transform === jsonTransform) return true;
  return (
    typeof transform === "function" && Function.prototype.toString.call(transform) === jsonSource
  );
}

export function writesCompactLine(options: JsonOptions | undefined): boolean {
  return options == null || (!options.space && options.replacer == null);
}

/** `,members}`: built once per span, so a line costs one concatenation. */
export function tailOf(members: string): string {
  return `,${members}}`;
}

/** Puts the tail in place of the line's closing brace; false when the line is no JSON object. */
export function appendTail(record: Record<string | symbol, unknown>, tail: string): boolean {
  const line = record[MESSAGE];
  if (
    typeof line !== "string" ||
    line.charCodeAt(0) !== OPENING_BRACE ||
    line.charCodeAt(line.length - 1) !== CLOSING_BRACE
  ) {
    return false;
  }
  // "{}" has no member to follow: the tail's comma goes.
  record[MESSAGE] = line.length === 2 ? `{${tail.slice(1)}` : line.slice(0, -1) + tail;
  return true;
}
