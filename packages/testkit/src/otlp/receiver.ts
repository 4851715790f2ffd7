import type { IncomingMessage } from "node:http";
import { gunzipSync } from "node:zlib";
import { startLoopbackServer } from "../loopback-server.js";
import { decodeTraceRequestProtobuf } from "./trace-proto.js";

export type AttributeValue = string | number | boolean | null | AttributeValue[] | AttributeMap;
export interface AttributeMap {
  [key: string]: AttributeValue;
}

/** One span as received, with the resource it was exported under. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  /** OTLP SpanKind number: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  /** Nanoseconds since the epoch, as decimal strings (they exceed a double's precision). */
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  status: { code: number; message: string | undefined };
  attributes: AttributeMap;
  /** Span events (an exception is one), in order. */
  events: Array<{ name: string; attributes: AttributeMap }>;
  resource: AttributeMap;
  scope: { name: string; version: string | undefined };
  protocol: "http/protobuf" | "http/json";
}

export interface OtlpReceiver {
  /** Base URL, for OTEL_EXPORTER_OTLP_ENDPOINT (the exporter appends /v1/traces). */
  url: string;
  /** The full traces URL, for OTEL_EXPORTER_OTLP_TRACES_ENDPOINT. */
  tracesUrl: string;
  /** `{ OTEL_EXPORTER_OTLP_ENDPOINT: url }`, to spread into a child's environment. */
  env: { OTEL_EXPORTER_OTLP_ENDPOINT: string };
  /** Spans received so far, in arrival order. */
  spans(): ReceivedSpan[];
  /** Resolves with the spans once at least `count` arrived; rejects after `timeoutMs`. */
  waitForSpans(count: number, timeoutMs?: number): Promise<ReceivedSpan[]>;
  /** Resolves with the first span (already received or coming) that matches; rejects after `timeoutMs`. */
  waitForSpan(match: (span: ReceivedSpan) => boolean, timeoutMs?: number): Promise<ReceivedSpan>;
  /** Requests that could not be decoded (each answered with 400), for assertions. */
  errors(): string[];
  /** Trace requests that reached the server, whatever it answered (or did not). */
  requests(): number;
  close(): Promise<void>;
}

/** How a collector misbehaves; each bounded so that a test cannot hang on it. */
export type CollectorFault =
  /** Reads each request and never answers (the sockets are closed by `close`). */
  | { kind: "hang" }
  /** Answers every request with this HTTP status, spans not recorded. */
  | { kind: "status"; status: number }
  /** Records the spans and answers after `delayMs`. */
  | { kind: "slow"; delayMs: number }
  /** Nothing listens on the port (connection refused); healthy after `forMs`, if given. */
  | { kind: "refuse"; forMs?: number };

export interface OtlpReceiverOptions {
  fault?: CollectorFault;
}

/**
 * Starts an OTLP/HTTP trace receiver on 127.0.0.1 (ephemeral port) that accepts
 * `application/x-protobuf` and `application/json` (gzip or not) on POST /v1/traces.
 */
export async function startOtlpReceiver(options: OtlpReceiverOptions = {}): Promise<OtlpReceiver> {
  const { fault } = options;
  const spans: ReceivedSpan[] = [];
  const errors: string[] = [];
  const waiters = new Set<() => void>();
  let requests = 0;

  const server = await startLoopbackServer(async (request, response, later) => {
    if (request.method !== "POST" || request.url !== "/v1/traces") {
      response.writeHead(404).end();
      return;
    }
    requests++;
    const type = request.headers["content-type"] ?? "";
    try {
      const body = await readBody(request);
      if (fault?.kind === "hang") return;
      if (fault?.kind === "status") {
        response.writeHead(fault.status).end();
        return;
      }
      if (fault?.kind === "slow") {
        await new Promise<void>((resolve) => later(fault.delayMs, resolve));
      }
      const protocol = type.includes("json") ? "http/json" : "http/protobuf";
      const decoded =
        protocol === "http/json"
          ? JSON.parse(body.toString("utf8"))
          : decodeTraceRequestProtobuf(body);
      spans.push(...flatten(decoded, protocol));
      for (const wake of waiters) wake();
      if (protocol === "http/json") {
        response.writeHead(200, { "content-type": "application/json" }).end("{}");
      } else {
        response.writeHead(200, { "content-type": "application/x-protobuf" }).end();
      }
    } catch (error) {
      errors.push(`${type}: ${(error as Error).message}`);
      response.writeHead(400).end();
    }
  });
  const url = server.origin;
  if (fault?.kind === "refuse") {
    await server.refuse();
    if (fault.forMs !== undefined) server.later(fault.forMs, () => void server.listen());
  }

  /** Re-checks `found` on every arrival until it yields a value or time runs out. */
  function waitUntil<T>(found: () => T | undefined, timeoutMs: number, failure: () => string) {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = found();
        if (value === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(value);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(failure()));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }

  return {
    url,
    tracesUrl: `${url}/v1/traces`,
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: url },
    spans: () => [...spans],
    errors: () => [...errors],
    waitForSpans(count, timeoutMs = 10_000) {
      return waitUntil(
        () => (spans.length >= count ? [...spans] : undefined),
        timeoutMs,
        () => `received ${spans.length} of ${count} spans within ${timeoutMs} ms`,
      );
    },
    waitForSpan(match, timeoutMs = 10_000) {
      return waitUntil(
        () => spans.find(match),
        timeoutMs,
        () => `no matching span among ${spans.length} received within ${timeoutMs} ms`,
      );
    },
    requests: () => requests,
    close: server.close,
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  return request.headers["content-encoding"] === "gzip" ? gunzipSync(body) : body;
}

type Json = Record<string, unknown>;
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

function flatten(request: unknown, protocol: ReceivedSpan["protocol"]): ReceivedSpan[] {
  // OTLP/JSON carries ids as hex; protobuf bytes come out of protobufjs as base64.
  const id = (value: unknown) => {
    if (typeof value !== "string" || value === "") return undefined;
    return protocol === "http/json"
      ? value.toLowerCase()
      : Buffer.from(value, "base64").toString("hex");
  };
  const out: ReceivedSpan[] = [];
  for (const resourceSpans of list((request as Json)?.resourceSpans)) {
    const resource = attributeMap((resourceSpans.resource as Json | undefined)?.attributes);
    for (const scopeSpans of list(resourceSpans.scopeSpans)) {
      const scope = (scopeSpans.scope ?? {}) as Json;
      for (const span of list(scopeSpans.spans)) {
        out.push({
          traceId: id(span.traceId) ?? "",
          spanId: id(span.spanId) ?? "",
          parentSpanId: id(span.parentSpanId),
          name: String(span.name ?? ""),
          kind: Number(span.kind ?? 0),
          startTimeUnixNano: String(span.startTimeUnixNano ?? "0"),
          endTimeUnixNano: String(span.endTimeUnixNano ?? "0"),
          status: {
            code: Number((span.status as Json | undefined)?.code ?? 0),
            message:
              ((span.status as Json | undefined)?.message as string | undefined) || undefined,
          },
          attributes: attributeMap(span.attributes),
          events: list(span.events).map((event) => ({
            name: String(event.name ?? ""),
            attributes: attributeMap(event.attributes),
          })),
          resource,
          scope: {
            name: String(scope.name ?? ""),
            version: scope.version === undefined ? undefined : String(scope.version),
          },
          protocol,
        });
      }
    }
  }
  return out;
}

function attributeMap(keyValues: unknown): AttributeMap {
  const map: AttributeMap = {};
  for (const { key, value } of list(keyValues)) map[String(key)] = anyValue(value);
  return map;
}

function anyValue(value: unknown): AttributeValue {
  const v = (value ?? {}) as Json;
  if ("stringValue" in v) return String(v.stringValue);
  if ("boolValue" in v) return Boolean(v.boolValue);
  if ("intValue" in v) return Number(v.intValue);
  if ("doubleValue" in v) return Number(v.doubleValue);
  if ("arrayValue" in v) return list((v.arrayValue as Json)?.values).map(anyValue);
  if ("kvlistValue" in v) return attributeMap((v.kvlistValue as Json)?.values);
  if ("bytesValue" in v) return String(v.bytesValue);
  return null;
}
