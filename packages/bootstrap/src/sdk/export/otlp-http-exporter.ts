import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import type { ExportHealth } from "./export-health.js";
import type { OtlpTarget } from "./otlp-target.js";
import type { Post } from "./post.js";

export interface TraceSerializer {
  serializeRequest(spans: ReadableSpan[]): Uint8Array | undefined;
}

/** Retries as the OpenTelemetry exporters do them: five tries, backoff from 1 s to 5 s. */
const MAX_ATTEMPTS = 5;
const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 5000;
const BACKOFF_FACTOR = 1.5;

const gzipAsync = promisify(gzip);

/** A pause that does not keep the process alive. */
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

function backoffMs(attempt: number): number {
  const base = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * BACKOFF_FACTOR ** attempt);
  return base * (0.8 + Math.random() * 0.4);
}

/**
 * Sends one batch of spans to an OTLP/HTTP endpoint: serialised, gzipped when asked, posted
 * and retried within the export timeout. Resolves true when the collector took them; a batch it
 * did not take is counted as dropped, and `health` says so.
 */
export function createOtlpHttpSender(
  target: OtlpTarget,
  serializer: () => TraceSerializer,
  post: Post,
  health: ExportHealth,
): (spans: ReadableSpan[]) => Promise<boolean> {
  return async (spans) => {
    const deadline = Date.now() + target.timeoutMs;
    const dropped = (error: string) => {
      health.dropped(spans.length, { kind: "export-failed", error });
      return false;
    };
    let body: Uint8Array | undefined;
    try {
      body = serializer().serializeRequest(spans);
      if (body && target.gzip) body = await gzipAsync(body);
    } catch (error) {
      return dropped(`could not serialise the spans: ${(error as Error).message}`);
    }
    if (!body) return dropped("could not serialise the spans");
    for (let attempt = 0; ; attempt++) {
      const result = await post(body, Math.max(1, deadline - Date.now()));
      if (result.ok) {
        health.delivered(spans.length);
        return true;
      }
      const wait = result.retryAfterMs ?? backoffMs(attempt);
      const retry = result.retryable && attempt + 1 < MAX_ATTEMPTS;
      if (!retry || Date.now() + wait >= deadline) {
        // A timeout is said as the bound the user set, not the time left of it.
        return dropped(result.timedOut ? `no answer within ${target.timeoutMs} ms` : result.error);
      }
      await pause(wait);
    }
  };
}
