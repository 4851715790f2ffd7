import type { TraceFieldsReader } from "@logtrace/core/internal";
import {
  boundTraceKeys,
  fieldsExcept,
  keysWrittenIn,
  passedTraceKeys,
  toMembers,
} from "./explicit-keys.js";

/**
 * Where the fields go in the lines of one options object:
 * - "object": into a copy of the record, in formatters.log. Until streamWrite is seen to run,
 *   since pino runs it only from 9 on.
 * - "line": into the line, serialized once, with the timestamp; a record carrying a trace key
 *   itself has ours taken out again in streamWrite (theirs win).
 * - "line-nested": the same without the checks: with nestedKey only a binding can clash.
 */
type FieldsMode = "object" | "line" | "line-nested";

/** A line pino began (timestamp ran) that needs work when it is written. */
type OpenLine = ObjectModeLine | SpannedLine;

/** Object mode: formatters.log adds the fields to the record. */
interface ObjectModeLine {
  readonly kind: "object";
  logger: unknown;
  /** Our formatters.log ran. A child may replace it; then streamWrite adds the fields. */
  fieldsAdded: boolean;
}

/** Line mode, in a span: the line carries our members from the start. */
interface SpannedLine {
  readonly kind: "spanned";
  logger: unknown;
  /** The members written with the timestamp. */
  members: string;
  /** Trace keys the record carries itself: ours are taken out of the line. */
  clashingKeys: ReadonlySet<string> | undefined;
  /** Our formatters.log checked the record; if a child replaced it, streamWrite reads the line. */
  recordChecked: boolean;
}

// Far deeper than any real nesting; bounds the stack if a throwing serializer leaves lines open.
const MAX_OUTER_LINES = 16;

/**
 * The trace fields' way through each pino line, in pino's order: `begin` (the `timestamp`
 * function), `noteRecord` (`formatters.log`), `finish` (`hooks.streamWrite`). One per options
 * object; the records are reused, so a line allocates nothing here.
 */
export class LineState {
  private mode: FieldsMode;
  private open: OpenLine | undefined = undefined;
  private readonly objectLine: ObjectModeLine = {
    kind: "object",
    logger: undefined,
    fieldsAdded: false,
  };
  private readonly spannedLine: SpannedLine = {
    kind: "spanned",
    logger: undefined,
    members: "",
    clashingKeys: undefined,
    recordChecked: false,
  };
  // A line logged while pino serializes another (from a serializer) nests inside it: the outer
  // line waits here until the inner one is written.
  private readonly outerLines: SpannedLine[] = [];
  private readonly keys: readonly string[];

  constructor(
    private readonly reader: TraceFieldsReader,
    recordIsNested: boolean,
  ) {
    this.keys = reader.keys.all;
    this.mode = recordIsNested ? "line-nested" : "object";
  }

  /** Returns the timestamp string, with the fields appended in line mode. */
  begin(time: string, logger: unknown): string {
    if (this.mode === "object") {
      this.objectLine.logger = logger;
      this.open = this.objectLine;
      return time;
    }
    let members = this.reader.json();
    if (members === undefined) return time;
    const bound = boundTraceKeys(logger, this.keys);
    if (bound.size > 0) {
      const fields = fieldsExcept(this.reader, bound);
      members = fields && Object.keys(fields).length > 0 ? toMembers(fields) : undefined;
      if (members === undefined) return time;
    }
    if (this.mode === "line") this.openSpannedLine(logger, members);
    return `${time},${members}`;
  }

  /** Returns the record pino serializes: a copy with the fields in object mode. */
  noteRecord(record: Record<string, unknown>): Record<string, unknown> {
    if (this.mode === "object") return this.addFields(record);
    const open = this.open;
    if (open !== undefined && open.kind === "spanned") {
      open.clashingKeys = passedTraceKeys(record, this.keys);
      open.recordChecked = true;
    }
    return record;
  }

  /** Returns the line to write. */
  finish(line: string): string {
    const open = this.open;
    if (open === undefined) return line;
    return open.kind === "object"
      ? this.finishObjectModeLine(open, line)
      : this.finishSpannedLine(open, line);
  }

  private addFields(record: Record<string, unknown>): Record<string, unknown> {
    this.objectLine.fieldsAdded = true;
    const fields = fieldsExcept(
      this.reader,
      passedTraceKeys(record, this.keys),
      boundTraceKeys(this.objectLine.logger, this.keys),
    );
    // A copy: the record may be the caller's own merge object.
    return fields ? Object.assign(fields, record) : record;
  }

  private finishObjectModeLine(open: ObjectModeLine, line: string): string {
    this.open = undefined;
    // streamWrite runs, so lines can carry the fields from now on.
    this.mode = "line";
    if (open.fieldsAdded) {
      open.fieldsAdded = false;
      return line;
    }
    // Every trace key written in a line our formatters.log never saw is theirs.
    const fields = fieldsExcept(
      this.reader,
      keysWrittenIn(line, this.keys, 0),
      boundTraceKeys(open.logger, this.keys),
    );
    if (fields && Object.keys(fields).length > 0 && line.startsWith("{")) {
      return `{${toMembers(fields)},${line.slice(1)}`;
    }
    return line;
  }

  private openSpannedLine(logger: unknown, members: string): void {
    const line = this.spannedLine;
    if (this.open !== undefined && this.outerLines.length < MAX_OUTER_LINES) {
      this.outerLines.push({ ...line });
    }
    line.logger = logger;
    line.members = members;
    line.clashingKeys = undefined;
    line.recordChecked = false;
    this.open = line;
  }

  private finishSpannedLine(open: SpannedLine, line: string): string {
    if (!open.recordChecked) {
      const after = line.indexOf(open.members) + open.members.length;
      const theirs = keysWrittenIn(line, this.keys, after);
      if (theirs.size > 0) open.clashingKeys = theirs;
    }
    const out = open.clashingKeys === undefined ? line : this.removeClashingMembers(open, line);
    const outer = this.outerLines.pop();
    if (outer !== undefined) Object.assign(open, outer);
    else this.open = undefined;
    return out;
  }

  private removeClashingMembers(open: SpannedLine, line: string): string {
    const emitted = `,${open.members}`;
    const at = line.indexOf(emitted);
    if (at === -1) return line;
    const kept = fieldsExcept(
      this.reader,
      open.clashingKeys,
      boundTraceKeys(open.logger, this.keys),
    );
    const replacement = kept && Object.keys(kept).length > 0 ? `,${toMembers(kept)}` : "";
    return line.slice(0, at) + replacement + line.slice(at + emitted.length);
  }
}
