import logform from "logform";
import type { WinstonFormat } from "./trace-format.js";

// Three more keys on the record cost a JSON format far more than the line needs: logform's json()
// sorts every key and escapes every value, on every line. When the logger's format is that very
// json() (winston's default), the fields can instead be appended to the finished line, already
// serialized, and written onto the record only afterwards, for transports and their formats.
//
// This is only done when it is exact: the format must be logform's json() itself (the same
// function, or the same code from another copy of logform), and its options must produce a compact line that
// nothing rewrites (no `space`, no `replacer`). A combine(...) cannot be seen into (logform keeps
// its formats in a closure), so it, and any other format, gets the fields as keys beforehand.

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
 * True when `format` is logform's json(), so its line can take appended members: our copy's, or
 * that of another copy of the same logform code (npm or pnpm may install one logform for winston
 * and another for us; so may a bundler, and a copy's json.js is loaded lazily, on first use).
 */
export function isLogformJson(format: WinstonFormat): boolean {
  const transform = format.transform;
  if (transform === jsonTransform) return true;
  return (
    typeof transform === "function" && Function.prototype.toString.call(transform) === jsonSource
  );
}

/** True when json() with these options writes a compact line that can take appended members. */
export function writesCompactLine(options: JsonOptions | undefined): boolean {
  return options == null || (!options.space && options.replacer == null);
}

/**
 * The tail `appendTail` takes: the members (`"k":"v",…`, no braces) behind a comma, then the
 * closing brace. Built once per span by the caller, so a line costs one concatenation.
 */
export function tailOf(members: string): string {
  return `,${members}}`;
}

/**
 * Appends a tail (see tailOf) to the object line json() wrote into the record, in place of its
 * closing brace. Returns false, leaving the record alone, when the line is not a JSON object.
 */
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
