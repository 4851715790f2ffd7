import type { Link, SpanContext } from "@opentelemetry/api";
import type { ReadableSpan, TimedEvent } from "@opentelemetry/sdk-trace";
import {
  type AttributeMap,
  type ResourceLike,
  type ScopeLike,
  writeAttributes,
  writeResource,
  writeScope,
} from "./common.js";
import { FIXED32, FIXED64, fieldKey, LENGTH_DELIMITED, ProtoWriter, VARINT } from "./writer.js";

// opentelemetry/proto/collector/trace/v1/trace_service.proto and trace/v1/trace.proto.
const REQUEST_RESOURCE_SPANS = fieldKey(1, LENGTH_DELIMITED);
const RESOURCE_SPANS_RESOURCE = fieldKey(1, LENGTH_DELIMITED);
const RESOURCE_SPANS_SCOPE_SPANS = fieldKey(2, LENGTH_DELIMITED);
const RESOURCE_SPANS_SCHEMA_URL = fieldKey(3, LENGTH_DELIMITED);
const SCOPE_SPANS_SCOPE = fieldKey(1, LENGTH_DELIMITED);
const SCOPE_SPANS_SPANS = fieldKey(2, LENGTH_DELIMITED);
const SCOPE_SPANS_SCHEMA_URL = fieldKey(3, LENGTH_DELIMITED);
const SPAN_TRACE_ID = fieldKey(1, LENGTH_DELIMITED);
const SPAN_SPAN_ID = fieldKey(2, LENGTH_DELIMITED);
const SPAN_TRACE_STATE = fieldKey(3, LENGTH_DELIMITED);
const SPAN_PARENT_SPAN_ID = fieldKey(4, LENGTH_DELIMITED);
const SPAN_NAME = fieldKey(5, LENGTH_DELIMITED);
const SPAN_KIND = fieldKey(6, VARINT);
const SPAN_START_TIME = fieldKey(7, FIXED64);
const SPAN_END_TIME = fieldKey(8, FIXED64);
const SPAN_ATTRIBUTES = fieldKey(9, LENGTH_DELIMITED);
const SPAN_DROPPED_ATTRIBUTES = fieldKey(10, VARINT);
const SPAN_EVENTS = fieldKey(11, LENGTH_DELIMITED);
const SPAN_DROPPED_EVENTS = fieldKey(12, VARINT);
const SPAN_LINKS = fieldKey(13, LENGTH_DELIMITED);
const SPAN_DROPPED_LINKS = fieldKey(14, VARINT);
const SPAN_STATUS = fieldKey(15, LENGTH_DELIMITED);
const SPAN_FLAGS = fieldKey(16, FIXED32);
const EVENT_TIME = fieldKey(1, FIXED64);
const EVENT_NAME = fieldKey(2, LENGTH_DELIMITED);
const EVENT_ATTRIBUTES = fieldKey(3, LENGTH_DELIMITED);
const EVENT_DROPPED_ATTRIBUTES = fieldKey(4, VARINT);
const LINK_TRACE_ID = fieldKey(1, LENGTH_DELIMITED);
const LINK_SPAN_ID = fieldKey(2, LENGTH_DELIMITED);
const LINK_TRACE_STATE = fieldKey(3, LENGTH_DELIMITED);
const LINK_ATTRIBUTES = fieldKey(4, LENGTH_DELIMITED);
const LINK_DROPPED_ATTRIBUTES = fieldKey(5, VARINT);
const LINK_FLAGS = fieldKey(6, FIXED32);
const STATUS_MESSAGE = fieldKey(2, LENGTH_DELIMITED);
const STATUS_CODE = fieldKey(3, VARINT);

/** SpanFlags: the low byte is the W3C trace flags; these two say whether the parent is remote. */
const HAS_IS_REMOTE = 0x100;
const IS_REMOTE = 0x200;

const TRACE_ID_BYTES = 16;
const SPAN_ID_BYTES = 8;
/** A span's length usually takes two bytes (128 to 16 383 bytes); requests and groups three. */
const SPAN_LENGTH_BYTES = 2;
const GROUP_LENGTH_BYTES = 3;

const spanFlags = (traceFlags: number, isRemote: boolean | undefined) =>
  (traceFlags & 0xff) | HAS_IS_REMOTE | (isRemote ? IS_REMOTE : 0);

/** One request is written at a time (encoding is synchronous), so one scratch buffer serves. */
const writer = new ProtoWriter();

/**
 * An OTLP ExportTraceServiceRequest of `spans`, grouped by resource and then by instrumentation
 * scope (each by identity, in order of first appearance), with the same bytes as the protobuf
 * serialiser of `@opentelemetry/otlp-transformer`: which fields are written when default, their
 * order, and the span flags. Throws on what the SDK never produces (a malformed id).
 */
export function encodeTraceRequest(spans: readonly ReadableSpan[]): Uint8Array {
  try {
    for (const [resource, scopes] of groupSpans(spans)) {
      writer.key(REQUEST_RESOURCE_SPANS);
      const start = writer.begin(GROUP_LENGTH_BYTES);
      writeResource(writer, resource as ResourceLike, RESOURCE_SPANS_RESOURCE);
      for (const [scope, scopeSpans] of scopes) writeScopeSpans(scope as ScopeLike, scopeSpans);
      if (resource.schemaUrl) {
        writer.key(RESOURCE_SPANS_SCHEMA_URL);
        writer.string(resource.schemaUrl);
      }
      writer.end(start, GROUP_LENGTH_BYTES);
    }
    return writer.finish();
  } catch (error) {
    writer.reset();
    throw error;
  }
}

type Groups = Map<
  ReadableSpan["resource"],
  Map<ReadableSpan["instrumentationScope"], ReadableSpan[]>
>;

function groupSpans(spans: readonly ReadableSpan[]): Groups {
  const groups: Groups = new Map();
  for (const span of spans) {
    let scopes = groups.get(span.resource);
    if (!scopes) {
      scopes = new Map();
      groups.set(span.resource, scopes);
    }
    const scoped = scopes.get(span.instrumentationScope);
    if (scoped) scoped.push(span);
    else scopes.set(span.instrumentationScope, [span]);
  }
  return groups;
}

function writeScopeSpans(scope: ScopeLike, spans: readonly ReadableSpan[]): void {
  writer.key(RESOURCE_SPANS_SCOPE_SPANS);
  const start = writer.begin(GROUP_LENGTH_BYTES);
  writeScope(writer, scope, SCOPE_SPANS_SCOPE);
  for (const span of spans) writeSpan(span);
  if (scope.schemaUrl) {
    writer.key(SCOPE_SPANS_SCHEMA_URL);
    writer.string(scope.schemaUrl);
  }
  writer.end(start, GROUP_LENGTH_BYTES);
}

function writeIds(context: SpanContext, traceIdKey: number, spanIdKey: number): void {
  writer.key(traceIdKey);
  writer.hexBytes(context.traceId, TRACE_ID_BYTES);
  writer.key(spanIdKey);
  writer.hexBytes(context.spanId, SPAN_ID_BYTES);
}

function writeSpan(span: ReadableSpan): void {
  writer.key(SCOPE_SPANS_SPANS);
  const start = writer.begin(SPAN_LENGTH_BYTES);
  const context = span.spanContext();
  writeIds(context, SPAN_TRACE_ID, SPAN_SPAN_ID);
  const traceState = context.traceState?.serialize();
  if (traceState) {
    writer.key(SPAN_TRACE_STATE);
    writer.string(traceState);
  }
  const parent = span.parentSpanContext;
  if (parent?.spanId) {
    writer.key(SPAN_PARENT_SPAN_ID);
    writer.hexBytes(parent.spanId, SPAN_ID_BYTES);
  }
  writer.key(SPAN_NAME);
  writer.string(span.name);
  // SpanKind in the API counts from INTERNAL = 0; in OTLP 0 is UNSPECIFIED.
  const kind = span.kind == null ? 0 : span.kind + 1;
  if (kind !== 0) {
    writer.key(SPAN_KIND);
    writer.uint32(kind);
  }
  writer.key(SPAN_START_TIME);
  writer.hrTime(span.startTime[0], span.startTime[1]);
  writer.key(SPAN_END_TIME);
  writer.hrTime(span.endTime[0], span.endTime[1]);
  if (span.attributes) writeAttributes(writer, span.attributes as AttributeMap, SPAN_ATTRIBUTES);
  writer.key(SPAN_DROPPED_ATTRIBUTES);
  writer.uint32(span.droppedAttributesCount);
  for (const event of span.events) writeEvent(event);
  writer.key(SPAN_DROPPED_EVENTS);
  writer.uint32(span.droppedEventsCount);
  for (const link of span.links) writeLink(link);
  writer.key(SPAN_DROPPED_LINKS);
  writer.uint32(span.droppedLinksCount);
  writer.key(SPAN_STATUS);
  const status = writer.begin(1);
  if (span.status.message) {
    writer.key(STATUS_MESSAGE);
    writer.string(span.status.message);
  }
  writer.key(STATUS_CODE);
  writer.uint32(span.status.code);
  writer.end(status, 1);
  writer.key(SPAN_FLAGS);
  writer.fixed32(spanFlags(context.traceFlags, parent?.isRemote));
  writer.end(start, SPAN_LENGTH_BYTES);
}

function writeEvent(event: TimedEvent): void {
  writer.key(SPAN_EVENTS);
  const start = writer.begin(1);
  writer.key(EVENT_TIME);
  writer.hrTime(event.time[0], event.time[1]);
  writer.key(EVENT_NAME);
  writer.string(event.name);
  if (event.attributes) writeAttributes(writer, event.attributes as AttributeMap, EVENT_ATTRIBUTES);
  writer.key(EVENT_DROPPED_ATTRIBUTES);
  writer.uint32(event.droppedAttributesCount || 0);
  writer.end(start, 1);
}

function writeLink(link: Link): void {
  writer.key(SPAN_LINKS);
  const start = writer.begin(1);
  const context = link.context;
  writeIds(context, LINK_TRACE_ID, LINK_SPAN_ID);
  const traceState = context.traceState?.serialize();
  if (traceState) {
    writer.key(LINK_TRACE_STATE);
    writer.string(traceState);
  }
  if (link.attributes) writeAttributes(writer, link.attributes as AttributeMap, LINK_ATTRIBUTES);
  writer.key(LINK_DROPPED_ATTRIBUTES);
  writer.uint32(link.droppedAttributesCount || 0);
  writer.key(LINK_FLAGS);
  writer.fixed32(spanFlags(context.traceFlags, context.isRemote));
  writer.end(start, 1);
}
