import type { TraceFields } from "@logtrace/core";

// winston mutates the object a caller logs (`logger.info(obj)`, `logger.error(err)`), so one object
// can be logged again, in another span, still carrying the fields written into it last time; or
// be passed as the metadata of a later call, which copies those fields into a new record. To
// tell those apart from fields the caller set, an object remembers what was written into it.
//
// The memory is a symbol-keyed property, so that it travels with the fields it describes: every
// copy winston makes (Object.assign into a new record, child loggers) copies both. JSON, logfmt
// and printf never see it; util.inspect (winston's prettyPrint) shows it.

const MEMORY = Symbol("logtrace written");

type Remembering = Record<symbol, Readonly<TraceFields> | undefined>;

export const writtenFields = {
  /** The fields last written into `target`, if any. */
  of(target: object): Readonly<TraceFields> | undefined {
    return (target as Remembering)[MEMORY];
  },
  /** Records (or forgets, with undefined) the fields written into `target`. */
  remember(target: object, fields: Readonly<TraceFields> | undefined): void {
    (target as Remembering)[MEMORY] = fields;
  },
};
