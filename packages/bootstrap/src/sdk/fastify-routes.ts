import { subscribe } from "node:diagnostics_channel";
import { load } from "./load.js";

type Api = typeof import("@opentelemetry/api");
type Core = typeof import("@opentelemetry/core");

/** Published by Fastify (4.x late, 5.x) before each route handler, in the request's context. */
export const FASTIFY_HANDLER_START = "tracing:fastify.request.handler:start";

/**
 * Route-named server spans for Fastify, which has no instrumentation of ours: the server span
 * is named `GET /users/:id`, with `http.route`, from the route in the request context's RPC
 * metadata (as the express instrumentation sets it).
 * Fastify says which route matched on a diagnostics channel: no patching, no dependency.
 */
export function nameFastifyRoutes(): void {
  const api = load("@opentelemetry/api") as Api;
  const core = load("@opentelemetry/core") as Core;
  subscribe(FASTIFY_HANDLER_START, (message) => {
    const url = (message as { route?: { url?: unknown } } | undefined)?.route?.url;
    if (typeof url !== "string") return;
    const metadata = core.getRPCMetadata(api.context.active());
    if (metadata?.type === core.RPCType.HTTP) metadata.route = url;
  });
}
