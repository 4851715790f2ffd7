import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { Attributes } from "@opentelemetry/api";
import { redactedQuery, urlParts } from "./url-parts.js";

/** `forwarded-parse`: the elements of a `Forwarded` header; throws on a malformed one. */
export type ForwardedParser = (header: string) => Array<Record<string, string | undefined>>;

export type Scheme = "http" | "https";

/** The query parameters whose values `url.query` hides, as the http instrumentation's default. */
export const REDACTED_QUERY_PARAMETERS: readonly string[] = [
  "sig",
  "Signature",
  "AWSAccessKeyId",
  "X-Goog-Signature",
  "X-Amz-Signature",
  "X-Amz-Credential",
  "X-Amz-Security-Token",
];

const KNOWN_METHODS = new Set([
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "DELETE",
  "CONNECT",
  "OPTIONS",
  "TRACE",
  "PATCH",
  "QUERY",
]);

/** `http.request.method`: a known method in upper case, else `_OTHER`. */
export function normalizedMethod(method: string | undefined): string {
  if (method == null) return "GET";
  const upper = method.toUpperCase();
  return KNOWN_METHODS.has(upper) ? upper : "_OTHER";
}

interface HostAndPort {
  host: string;
  port?: string;
}

/** A Host-style value split into host and port; a missing port is the scheme's default. */
function splitHost(value: string, scheme?: string): HostAndPort {
  const defaultPort = scheme === "http" ? "80" : scheme === "https" ? "443" : undefined;
  const parts = value.split(":");
  if (parts.length === 1) return { host: value, port: defaultPort };
  if (parts.length === 2) return { host: parts[0] as string, port: parts[1] };
  // More than one colon: only a bracketed IPv6 address, with or without a port, is split.
  if (parts[0]?.startsWith("[")) {
    if (parts[parts.length - 1]?.endsWith("]")) {
      if (defaultPort) return { host: value, port: defaultPort };
    } else if (parts[parts.length - 2]?.endsWith("]")) {
      return { host: parts.slice(0, -1).join(":"), port: parts[parts.length - 1] };
    }
  }
  return { host: value };
}

type ForwardedElements = ReturnType<ForwardedParser>;

function forwardedElements(
  headers: IncomingHttpHeaders,
  parse: ForwardedParser,
): ForwardedElements {
  const header = headers.forwarded;
  if (!header) return [];
  try {
    return parse(header);
  } catch {
    return [];
  }
}

function firstOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `server.address` and `server.port`: Forwarded `host`, else X-Forwarded-Host, else Host. */
function serverAddress(
  headers: IncomingHttpHeaders,
  scheme: Scheme,
  forwarded: ForwardedElements,
): HostAndPort | undefined {
  for (const element of forwarded) {
    if (element.host) return splitHost(element.host, element.proto);
  }
  const forwardedHost = headers["x-forwarded-host"];
  const host = typeof forwardedHost === "string" ? forwardedHost : forwardedHost?.[0] || undefined;
  if (typeof host === "string") {
    return splitHost(host, firstOf(headers["x-forwarded-proto"]));
  }
  if (typeof headers.host === "string" && headers.host.length > 0) {
    return splitHost(headers.host, scheme);
  }
  return undefined;
}

function withoutPort(address: string): string {
  try {
    const { hostname } = new URL(`http://${address}`);
    return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  } catch {
    return address;
  }
}

/** `client.address`: Forwarded `for`, else the first X-Forwarded-For, else the peer. */
function clientAddress(request: IncomingMessage, forwarded: ForwardedElements): string | undefined {
  for (const element of forwarded) {
    if (element.for) return withoutPort(element.for);
  }
  const forwardedFor = request.headers["x-forwarded-for"];
  const first = forwardedFor ? firstOf(forwardedFor) : undefined;
  if (typeof first === "string") return withoutPort((first.split(",")[0] as string).trim());
  return request.socket.remoteAddress || undefined;
}

/**
 * A server span's start attributes, as the http instrumentation writes them with its default
 * options (stable HTTP semantic conventions), in the same order.
 */
export function incomingRequestAttributes(
  request: IncomingMessage,
  scheme: Scheme,
  parseForwarded: ForwardedParser,
): Attributes {
  const { headers, method } = request;
  const host = headers.host;
  const base = host ? `${scheme}://${host}` : `${scheme}://localhost`;
  const url = urlParts(request.url ?? "/", base);
  const normalized = normalizedMethod(method);
  const forwarded = forwardedElements(headers, parseForwarded);
  const server = serverAddress(headers, scheme, forwarded);
  const client = clientAddress(request, forwarded);
  const attributes: Attributes = {
    "http.request.method": normalized,
    "url.scheme": scheme,
    "server.address": server?.host,
    "network.peer.address": request.socket.remoteAddress,
    "network.peer.port": request.socket.remotePort,
    "network.protocol.version": request.httpVersion,
    "user_agent.original": headers["user-agent"],
  };
  if (url.pathname != null) attributes["url.path"] = url.pathname;
  if (url.search) {
    attributes["url.query"] = redactedQuery(url.search.slice(1), REDACTED_QUERY_PARAMETERS);
  }
  if (client != null) attributes["client.address"] = client;
  if (server?.port != null) attributes["server.port"] = Number(server.port);
  if (method !== normalized) attributes["http.request.method_original"] = method;
  return attributes;
}
