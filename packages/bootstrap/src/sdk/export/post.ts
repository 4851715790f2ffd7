import type { Agent, ClientRequest, IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import type { OtlpTarget } from "./otlp-target.js";

export type Attempt =
  | { ok: true }
  | { ok: false; retryable: boolean; error: string; timedOut?: true; retryAfterMs?: number };

// Loaded on first use through require: an ESM import of node:http also loads Node's undici.
const load = createRequire(import.meta.url);
type HttpModule = typeof import("node:http");

/** Statuses worth another try, as the OTLP specification lists them. */
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

export type Post = (body: Uint8Array, timeoutMs: number) => Promise<Attempt>;

/**
 * A poster for one target, with its own keep-alive agent (TLS settings included). Each POST is
 * bounded by `timeoutMs` from connect to the end of the answer, and neither its socket nor its
 * timer keeps the process alive: an app whose own work is done ends, whatever the collector does.
 */
export function createPoster(target: OtlpTarget): Post {
  const url = new URL(target.url);
  const https = url.protocol === "https:";
  let http: HttpModule | undefined;
  let agent: Agent | undefined;
  return (body, timeoutMs) =>
    new Promise((resolve) => {
      let settled = false;
      let request: ClientRequest | undefined;
      const settle = (attempt: Attempt) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(attempt);
      };
      const timer = setTimeout(() => {
        settle({
          ok: false,
          retryable: true,
          timedOut: true,
          error: `no answer within ${timeoutMs} ms`,
        });
        request?.destroy();
      }, timeoutMs);
      timer.unref();
      try {
        http ??= load(https ? "node:https" : "node:http") as HttpModule;
        agent ??= new http.Agent({ keepAlive: true, maxSockets: 4, ...(https ? target.tls : {}) });
        const headers: Record<string, string> = {
          ...target.headers,
          "content-length": String(body.byteLength),
        };
        if (target.gzip) headers["content-encoding"] = "gzip";
        request = http.request(url, { method: "POST", headers, agent });
        request.on("socket", (socket) => socket.unref());
        request.on("response", (response: IncomingMessage) => {
          response.resume();
          response.on("end", () => settle(answer(response)));
          response.on("error", (error) => settle(failure(error)));
        });
        request.on("error", (error) => settle(failure(error)));
        request.end(body);
      } catch (error) {
        settle({ ok: false, retryable: false, error: (error as Error).message });
      }
    });
}

function answer(response: IncomingMessage): Attempt {
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return { ok: true };
  const retryAfter = Number(response.headers["retry-after"]);
  return {
    ok: false,
    retryable: RETRYABLE_STATUS.has(status),
    error: `HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ""}`,
    ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
  };
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host lookup failed",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
};

/** Network errors are retried; TLS failures are not (they will not fix themselves). */
function failure(error: Error & { code?: string }): Attempt {
  const code = error.code ?? "";
  const tls = /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/u.test(code);
  const words = NETWORK_WORDS[code];
  return {
    ok: false,
    retryable: !tls,
    error: tls ? `TLS: ${error.message}` : words ? `${words} (${code})` : error.message,
  };
}
