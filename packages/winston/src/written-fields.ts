import type { TraceFields } from "@logtrace/core";

// winston mutates the object a caller logs, so it may come back (logged again, or as a later call's
// metadata) carrying the fields written last time. It remembers them, under a symbol that every
// copy winston makes carries along and no format prints, so they are not taken for the caller's.

const MEMORY = Symbol("logtrace written");

type Remembering = Record<symbol, Readonly<TraceFields> | undefined>;

export const writtenFields = {
  of(target: object): Readonly<TraceFields> | undefined {
    return (target as Remembering)[MEMORY];
  },
  remember(target: object, fields: Readonly<TraceFields> | undefined): void {
    (target as Remembering)[MEMORY] = fields;
  },
};
