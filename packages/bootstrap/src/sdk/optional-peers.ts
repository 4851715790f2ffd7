import { createRequire } from "node:module";
import { join } from "node:path";
import { type Env, envList, envText } from "./env.js";
import { load } from "./load.js";

/** The OTLP trace exporter package for each OTEL_EXPORTER_OTLP(_TRACES)_PROTOCOL. */
export const OTLP_EXPORTERS: Record<string, string> = {
  "http/protobuf": "@opentelemetry/exporter-trace-otlp-proto",
  "http/json": "@opentelemetry/exporter-trace-otlp-http",
  grpc: "@opentelemetry/exporter-trace-otlp-grpc",
};
export const DEFAULT_PROTOCOL = "http/protobuf";
export const XRAY_SAMPLER = "@opentelemetry/sampler-aws-xray";

/** The OTLP protocol the variables ask for (unknown ones are reported where they are used). */
export function otlpProtocol(env: Env): string {
  const wanted =
    envText(env, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") ??
    envText(env, "OTEL_EXPORTER_OTLP_PROTOCOL") ??
    DEFAULT_PROTOCOL;
  return wanted in OTLP_EXPORTERS ? wanted : DEFAULT_PROTOCOL;
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
  if (exporters.includes("otlp") && !exporters.includes("none")) {
    const protocol = otlpProtocol(env);
    needed.push([OTLP_EXPORTERS[protocol] as string, `OTLP protocol ${protocol}`]);
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
