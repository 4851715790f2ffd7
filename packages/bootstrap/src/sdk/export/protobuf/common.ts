import { FIXED64, fieldKey, LENGTH_DELIMITED, type ProtoWriter, VARINT } from "./writer.js";

// opentelemetry/proto/common/v1/common.proto and resource/v1/resource.proto.
const ANY_STRING = fieldKey(1, LENGTH_DELIMITED);
const ANY_BOOL = fieldKey(2, VARINT);
const ANY_INT = fieldKey(3, VARINT);
const ANY_DOUBLE = fieldKey(4, FIXED64);
const ANY_ARRAY = fieldKey(5, LENGTH_DELIMITED);
const ANY_KVLIST = fieldKey(6, LENGTH_DELIMITED);
const ANY_BYTES = fieldKey(7, LENGTH_DELIMITED);
/** ArrayValue.values and KeyValueList.values are both field 1. */
const LIST_VALUES = fieldKey(1, LENGTH_DELIMITED);
const KEY_VALUE_KEY = fieldKey(1, LENGTH_DELIMITED);
const KEY_VALUE_VALUE = fieldKey(2, LENGTH_DELIMITED);
const SCOPE_NAME = fieldKey(1, LENGTH_DELIMITED);
const SCOPE_VERSION = fieldKey(2, LENGTH_DELIMITED);
const SCOPE_ATTRIBUTES = fieldKey(3, LENGTH_DELIMITED);
const SCOPE_DROPPED_ATTRIBUTES = fieldKey(4, VARINT);
const RESOURCE_ATTRIBUTES = fieldKey(1, LENGTH_DELIMITED);
const RESOURCE_DROPPED_ATTRIBUTES = fieldKey(2, VARINT);

/** int64 holds integers in [-2^63, 2^63); other numbers are doubles. */
const MIN_INT64 = -(2 ** 63);
const MAX_INT64 = 2 ** 63;

const hasOwn = Object.prototype.hasOwnProperty;

export type AttributeMap = Readonly<Record<string, unknown>>;

/** What a resource or scope offers the encoder (the SDK types, loosely). */
export interface ResourceLike {
  readonly attributes?: AttributeMap;
  readonly schemaUrl?: string;
}

export interface ScopeLike {
  readonly name: string;
  readonly version?: string;
  readonly schemaUrl?: string;
  readonly attributes?: AttributeMap;
  readonly droppedAttributesCount?: number;
}

/** One AnyValue's content (its fields, not its key or length). */
export function writeAnyValue(writer: ProtoWriter, value: unknown): void {
  switch (typeof value) {
    case "string":
      writer.key(ANY_STRING);
      writer.string(value);
      return;
    case "number":
      if (Number.isInteger(value) && value >= MIN_INT64 && value < MAX_INT64) {
        writer.key(ANY_INT);
        writer.int64(value);
      } else {
        writer.key(ANY_DOUBLE);
        writer.double(value);
      }
      return;
    case "boolean":
      writer.key(ANY_BOOL);
      writer.uint32(value ? 1 : 0);
      return;
    case "object":
      if (value === null) return;
      if (value instanceof Uint8Array) {
        writer.key(ANY_BYTES);
        writer.bytes(value);
      } else if (Array.isArray(value)) {
        writer.key(ANY_ARRAY);
        const list = writer.begin(1);
        for (const item of value) {
          writer.key(LIST_VALUES);
          const itemStart = writer.begin(1);
          writeAnyValue(writer, item);
          writer.end(itemStart, 1);
        }
        writer.end(list, 1);
      } else {
        writer.key(ANY_KVLIST);
        const list = writer.begin(1);
        writeAttributes(writer, value as AttributeMap, LIST_VALUES);
        writer.end(list, 1);
      }
      return;
    default:
      // undefined, bigint, symbol, function: an empty AnyValue, as the official encoder writes.
      return;
  }
}

/** Each own enumerable key as a KeyValue under field key `key`. */
export function writeAttributes(writer: ProtoWriter, attributes: AttributeMap, key: number): void {
  for (const name in attributes) {
    if (!hasOwn.call(attributes, name)) continue;
    writer.key(key);
    const keyValue = writer.begin(1);
    writer.key(KEY_VALUE_KEY);
    writer.string(name);
    writer.key(KEY_VALUE_VALUE);
    const value = writer.begin(1);
    writeAnyValue(writer, attributes[name]);
    writer.end(value, 1);
    writer.end(keyValue, 1);
  }
}

/** A Resource message under field key `key`. */
export function writeResource(writer: ProtoWriter, resource: ResourceLike, key: number): void {
  writer.key(key);
  const start = writer.begin(2);
  if (resource.attributes) writeAttributes(writer, resource.attributes, RESOURCE_ATTRIBUTES);
  writer.key(RESOURCE_DROPPED_ATTRIBUTES);
  writer.uint32(0);
  writer.end(start, 2);
}

/** An InstrumentationScope message under field key `key`. */
export function writeScope(writer: ProtoWriter, scope: ScopeLike, key: number): void {
  writer.key(key);
  const start = writer.begin(1);
  writer.key(SCOPE_NAME);
  writer.string(scope.name);
  if (scope.version) {
    writer.key(SCOPE_VERSION);
    writer.string(scope.version);
  }
  if (scope.attributes) writeAttributes(writer, scope.attributes, SCOPE_ATTRIBUTES);
  if (scope.droppedAttributesCount) {
    writer.key(SCOPE_DROPPED_ATTRIBUTES);
    writer.uint32(scope.droppedAttributesCount);
  }
  writer.end(start, 1);
}
