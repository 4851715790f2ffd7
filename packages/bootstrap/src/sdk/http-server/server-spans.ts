// biome-ignore-all lint/complexity/noArguments: the wrapped emit passes its arguments on without copying them.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { errorMonitor } from "node:events";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Span, Tracer } from "@opentelemetry/api";
import {
  type ForwardedParser,
  incomingRequestAttributes,
  type Scheme,
} from "./incoming-attributes.js";

type Api = typeof import("@opentelemetry/api");
type Core = typeof import("@opentelemetry/core");
type Emit = (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
type ServerClass = { prototype: object };

/** Published by `node:http` for each request, before the server emits it. */
export const REQUEST_START = "http.server.request.start";

export interface ServerSpanOptions {
  api: Api;
  core: Core;
  /** The http instrumentation's tracer: server spans keep its instrumentation scope. */
  tracer: Tracer;
  parseForwarded: ForwardedParser;
}

interface RpcMetadata {
  type: unknown;
  span: Span;
  route?: string;
}

/** A traced request's span, ended once: by the response's close, an error, or a throw. */
interface ServerTrace {
  span: Span;
  metadata: RpcMetadata;
  method: string;
  ended: boolean;
  errored: boolean;
}

/**
 * Server spans as the http instrumentation makes them with its default options: the same name,
 * attributes, status, route and context (the request's RPC metadata, where framework
 * instrumentations put the route), without the per-request work its options and metrics need.
 * `Server.prototype.emit` of `node:http` and `node:https` is wrapped when the first request of
 * such a server is published on `http.server.request.start`, before the server emits it; the
 * preload itself loads neither module. Returns what turns them off again.
 */
export function traceServerRequests(options: ServerSpanOptions): () => void {
  const { api, core, tracer, parseForwarded } = options;
  const { context, propagation, trace, ROOT_CONTEXT, SpanKind, SpanStatusCode } = api;
  const wrapped = new WeakSet<Emit>();
  const restore: Array<() => void> = [];

  const endWithError = (state: ServerTrace, error: unknown) => {
    if (state.ended) return;
    state.ended = true;
    const { span } = state;
    const { name, message } = (error ?? {}) as Partial<Error>;
    span.setAttribute("error.type", name as string);
    span.setStatus({ code: SpanStatusCode.ERROR, message: message as string });
    span.recordException(error as Error);
    span.end();
  };

  const endWithResponse = (state: ServerTrace, response: ServerResponse) => {
    if (state.errored || state.ended) return;
    state.ended = true;
    const { span, metadata } = state;
    const { statusCode } = response;
    const route = metadata.route;
    span.setAttributes(
      route === undefined
        ? { "http.response.status_code": statusCode }
        : { "http.response.status_code": statusCode, "http.route": route },
    );
    if (!(statusCode >= 100 && statusCode < 500)) span.setStatus({ code: SpanStatusCode.ERROR });
    if (statusCode >= 500 && statusCode < 600) span.setAttribute("error.type", String(statusCode));
    if (route) span.updateName(`${state.method} ${route}`);
    span.end();
  };

  function inRequestContext(
    this: Server,
    emit: Emit,
    args: IArguments,
    state: ServerTrace,
    request: IncomingMessage,
    response: ServerResponse,
  ): boolean {
    const active = context.active();
    context.bind(active, request);
    context.bind(active, response);
    if (state.span.isRecording()) {
      response.on("close", () => endWithResponse(state, response));
      response.on(errorMonitor, (error) => {
        state.errored = true;
        endWithError(state, error);
      });
    }
    try {
      return Reflect.apply(emit, this, args);
    } catch (error) {
      if (error) endWithError(state, error);
      throw error;
    }
  }

  const traced = (emit: Emit, scheme: Scheme): Emit =>
    function emitTraced(this: Server, event: string | symbol): boolean {
      if (event !== "request") return Reflect.apply(emit, this, arguments);
      const request = arguments[1] as IncomingMessage;
      const response = arguments[2] as ServerResponse;
      const attributes = incomingRequestAttributes(request, scheme, parseForwarded);
      const parent = propagation.extract(ROOT_CONTEXT, request.headers);
      const method = request.method || "GET";
      const span = tracer.startSpan(method, { kind: SpanKind.SERVER, attributes }, parent);
      const metadata: RpcMetadata = { type: core.RPCType.HTTP, span };
      const state: ServerTrace = { span, metadata, method, ended: false, errored: false };
      const requestContext = core.setRPCMetadata(trace.setSpan(parent, span), metadata as never);
      return context.with(
        requestContext,
        inRequestContext,
        this,
        emit,
        arguments,
        state,
        request,
        response,
      );
    };

  const wrap = (serverClass: ServerClass, scheme: Scheme) => {
    const prototype = serverClass.prototype as { emit: Emit };
    if (wrapped.has(prototype.emit)) return;
    const original = prototype.emit;
    const emit = traced(original, scheme);
    wrapped.add(emit);
    prototype.emit = emit;
    restore.push(() => {
      if (prototype.emit === emit) prototype.emit = original;
    });
  };

  const onRequestStart = (message: unknown) => {
    const { server, socket } = message as {
      server: { emit: unknown };
      socket: { encrypted?: boolean };
    };
    if (wrapped.has(server.emit as Emit)) return;
    const http = process.getBuiltinModule("node:http");
    if (server instanceof http.Server) return wrap(http.Server, "http");
    // Only a TLS socket can come from an https server; then node:https is already loaded.
    if (socket.encrypted !== true) return;
    const https = process.getBuiltinModule("node:https");
    if (server instanceof https.Server) wrap(https.Server, "https");
  };
  subscribe(REQUEST_START, onRequestStart);
  return () => {
    unsubscribe(REQUEST_START, onRequestStart);
    for (const undo of restore.splice(0)) undo();
  };
}
