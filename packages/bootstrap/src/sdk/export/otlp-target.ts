import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Env, envNumber, envText } from "../env.js";

export type HttpProtocol = "http/protobuf" | "http/json";

/** Where and how spans are posted, from the variables the OTLP/HTTP exporters read. */
export interface OtlpTarget {
  url: string;
  headers: Record<string, string>;
  /** OTEL_EXPORTER_OTLP_(TRACES_)TIMEOUT: bound for one batch, retries included. */
  timeoutMs: number;
  gzip: boolean;
  /** OTEL_EXPORTER_OTLP_(TRACES_)CERTIFICATE / CLIENT_KEY / CLIENT_CERTIFICATE, as read. */
  tls: { ca?: Buffer; key?: Buffer; cert?: Buffer };
  /** Settings that could not be used, one line each. */
  problems: string[];
}

export const DEFAULT_EXPORT_TIMEOUT_MS = 10_000;

/** A traces variable wins over the general one, as in the exporters. */
const either = (env: Env, suffix: string) =>
  envText(env, `OTEL_EXPORTER_OTLP_TRACES_${suffix}`) ??
  envText(env, `OTEL_EXPORTER_OTLP_${suffix}`);

export function otlpTarget(env: Env, protocol: HttpProtocol): OtlpTarget {
  const problems: string[] = [];
  const traces = envText(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
  const base = envText(env, "OTEL_EXPORTER_OTLP_ENDPOINT") ?? "http://localhost:4318";
  const url = traces ?? `${base.replace(/\/+$/u, "")}/v1/traces`;

  const headers: Record<string, string> = {
    "content-type": protocol === "http/json" ? "application/json" : "application/x-protobuf",
  };
  for (const name of ["OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS"]) {
    for (const pair of envText(env, name)?.split(",") ?? []) {
      const at = pair.indexOf("=");
      if (at <= 0) continue;
      try {
        headers[decodeURIComponent(pair.slice(0, at).trim()).toLowerCase()] = decodeURIComponent(
          pair.slice(at + 1).trim(),
        );
      } catch {
        problems.push(`${name}: "${pair}" is not URL-encoded; left out`);
      }
    }
  }

  const timeout =
    envNumber(env, "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT") ??
    envNumber(env, "OTEL_EXPORTER_OTLP_TIMEOUT");
  const tls: OtlpTarget["tls"] = {};
  for (const [key, suffix] of [
    ["ca", "CERTIFICATE"],
    ["key", "CLIENT_KEY"],
    ["cert", "CLIENT_CERTIFICATE"],
  ] as const) {
    const file = either(env, suffix);
    if (file === undefined) continue;
    try {
      tls[key] = readFileSync(resolve(file));
    } catch (error) {
      problems.push(`OTEL_EXPORTER_OTLP_${suffix}: ${(error as Error).message}`);
    }
  }
  return {
    url,
    headers,
    timeoutMs: timeout !== undefined && timeout > 0 ? timeout : DEFAULT_EXPORT_TIMEOUT_MS,
    gzip: either(env, "COMPRESSION")?.toLowerCase() === "gzip",
    tls,
    problems,
  };
}
