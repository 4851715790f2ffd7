import { createRequire } from "node:module";
import { join } from "node:path";
import { type Env, envList, envText } from "./env.js";
import { load } from "./load.js";

/** The one exporter package still used: OTLP over HTTP is posted by our own sender. */
export const GRPC_EXPORTER = "@opentelemetry/exporter-trace-otlp-grpc";
export const XRAY_SAMPLER = "@opentelemetry/sampler-aws-xray";

export const OTLP_PROTOCOLS = ["http/protobuf", "http/json", "grpc"] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/** What OTEL_EXPORTER_OTLP(_TRACES)_PROTOCOL asks for, trimmed; undefined when unset. */
export function wantedOtlpProtocol(env: Env): string | undefined {
  return (
    envText(env, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") ??
    envText(env, "OTEL_EXPORTER_OTLP_PROTOCOL")
  );
}

/** The OTLP protocol to use: the one asked for, http/protobuf when unset or unknown. */
export function otlpProtocol(env: Env): OtlpProtocol {
  const wanted = wantedOtlpProtocol(env);
  return (OTLP_PROTOCOLS as readonly string[]).includes(wanted ?? "")
    ? (wanted as OtlpProtocol)
    : "http/protobuf";
}

/**
 * Where a package resolves: from this package (its dependencies, and optional peers installed
 * beside it), else from the app's directory. Nothing is loaded. Undefined when not installed.
 */
export function resolvePackage(
  name: string,
  appDir: string,
  fromThisPackage: NodeJS.Require = load,
): string | undefined {
  for (const from of [fromThisPackage, createRequire(join(appDir, "noop.js"))]) {
    try {
      return from.resolve(name);
    } catch {
      // Not from here.
    }
  }
  return undefined;
}

/**
 * The optional peers this configuration needs (the exporter of a non-default protocol, the X-Ray
 * sampler), resolved at start-up: a missing one is said here, once, rather than when the first
 * span is exported. Returns the resolved paths, or the line saying what to install.
 */
export function resolveOptionalPeers(
  env: Env,
  appDir: string,
  fromThisPackage: NodeJS.Require = load,
): { paths: Map<string, string> } | { missing: string } {
  const needed: Array<[string, string]> = [];
  const exporters = envList(env, "OTEL_TRACES_EXPORTER") ?? ["otlp"];
  if (exporters.includes("otlp") && !exporters.includes("none") && otlpProtocol(env) === "grpc") {
    needed.push([GRPC_EXPORTER, "OTLP protocol grpc"]);
  }
  if (envText(env, "OTEL_TRACES_SAMPLER") === "xray") {
    needed.push([XRAY_SAMPLER, "OTEL_TRACES_SAMPLER=xray"]);
  }
  const paths = new Map<string, string>();
  for (const [name, why] of needed) {
    const path = resolvePackage(name, appDir, fromThisPackage);
    if (path === undefined) {
      return { missing: `${why} needs ${name}, which is not installed: npm install ${name}` };
    }
    paths.set(name, path);
  }
  return { paths };
}
