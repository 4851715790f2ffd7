import type { Resource } from "@opentelemetry/resources";
import type { Sampler } from "@opentelemetry/sdk-trace";
import type { Report } from "../report.js";
import { type Env, envText } from "./env.js";
import { load } from "./load.js";
import { XRAY_SAMPLER } from "./optional-peers.js";

type SdkTrace = typeof import("@opentelemetry/sdk-trace");

/**
 * OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG as in the SDK spec, plus `xray`: X-Ray
 * centralized sampling rules (`@opentelemetry/sampler-aws-xray`, parent-based), whose argument
 * is `endpoint=http://localhost:2000,polling_interval=300` (seconds) as ADOT reads it.
 * Undefined means the SDK default (parentbased_always_on).
 */
export function createSampler(
  env: Env,
  resource: Resource,
  report: Report,
  resolved: ReadonlyMap<string, string> = new Map(),
): Sampler | undefined {
  const name = envText(env, "OTEL_TRACES_SAMPLER");
  if (name === undefined) return undefined;
  const arg = envText(env, "OTEL_TRACES_SAMPLER_ARG");
  const sdk = load("@opentelemetry/sdk-trace") as SdkTrace;
  const ratio = () => {
    const value = arg === undefined ? Number.NaN : Number(arg);
    if (value >= 0 && value <= 1) return value;
    report({
      level: "warn",
      message: `OTEL_TRACES_SAMPLER_ARG="${arg ?? ""}" is not a ratio in [0, 1]; using 1`,
    });
    return 1;
  };
  switch (name) {
    case "always_on":
      return new sdk.AlwaysOnSampler();
    case "always_off":
      return new sdk.AlwaysOffSampler();
    case "traceidratio":
      return new sdk.TraceIdRatioBasedSampler(ratio());
    case "parentbased_always_on":
      return new sdk.ParentBasedSampler({ root: new sdk.AlwaysOnSampler() });
    case "parentbased_always_off":
      return new sdk.ParentBasedSampler({ root: new sdk.AlwaysOffSampler() });
    case "parentbased_traceidratio":
      return new sdk.ParentBasedSampler({ root: new sdk.TraceIdRatioBasedSampler(ratio()) });
    case "xray":
      return xraySampler(arg, resource, report, resolved.get(XRAY_SAMPLER) ?? XRAY_SAMPLER);
    default:
      report({
        level: "warn",
        message: `OTEL_TRACES_SAMPLER "${name}" unknown; using parentbased_always_on`,
      });
      return undefined;
  }
}

function xraySampler(
  arg: string | undefined,
  resource: Resource,
  report: Report,
  samplerPath: string,
): Sampler {
  const options: Record<string, string> = {};
  for (const pair of (arg ?? "").split(",")) {
    const [key, value] = pair.split("=").map((part) => part.trim());
    if (key && value) options[key] = value;
  }
  const seconds =
    options.polling_interval === undefined ? undefined : Number(options.polling_interval);
  if (seconds !== undefined && !(seconds > 0)) {
    report({
      level: "warn",
      message: `xray sampler polling_interval="${options.polling_interval}" ignored`,
    });
  }
  const { AWSXRayRemoteSampler } = load(samplerPath) as {
    AWSXRayRemoteSampler: new (config: {
      resource: Resource;
      endpoint?: string;
      pollingInterval?: number;
    }) => Sampler;
  };
  return new AWSXRayRemoteSampler({
    resource,
    endpoint: options.endpoint,
    pollingInterval: seconds !== undefined && seconds > 0 ? seconds : undefined,
  });
}
