import type { TraceFields } from "@logtrace/core";

// winston mutates the object a caller logs (`logger.info(obj)`, `logger.error(err)`), so one object
// can be logged again, in another span, still carrying the fields written into it last time. To
// tell those apart from fields the caller set, each object remembers what was written into it.
//
// The memory is a private class field stamped onto the object (a constructor that returns another
// object installs its subclass's private fields on that object). Unlike a WeakMap entry it costs
// about as much as one property, adds no GC work, and unlike a symbol it is invisible to
// JSON, Object.assign, spread and util.inspect, so it never reaches a format or a transport.

class ReturnsGivenObject {
  constructor(target: object) {
    // biome-ignore lint/correctness/noConstructorReturn: the stamping idiom described above.
    return target;
  }
}

class WrittenFields extends ReturnsGivenObject {
  #fields: Readonly<TraceFields> | undefined;

  private constructor(target: object, fields: Readonly<TraceFields> | undefined) {
    super(target);
    this.#fields = fields;
  }

  /** The fields last written into `target`, if any. */
  static of(target: object): Readonly<TraceFields> | undefined {
    return #fields in target ? (target as WrittenFields).#fields : undefined;
  }

  /** Records (or forgets, with undefined) the fields written into `target`. */
  static remember(target: object, fields: Readonly<TraceFields> | undefined): void {
    if (#fields in target) (target as WrittenFields).#fields = fields;
    else if (fields !== undefined) new WrittenFields(target, fields);
  }
}

export const writtenFields = {
  of: WrittenFields.of,
  remember: WrittenFields.remember,
};
