import type { Attributes, AttributeValue } from "@opentelemetry/api";
import type { Resource } from "@opentelemetry/resources";
import type { Sampler, SpanLimits, SpanProcessor } from "@opentelemetry/sdk-trace";
import { load } from "../load.js";

type Api = typeof import("@opentelemetry/api");
type Core = typeof import("@opentelemetry/core");
type SdkTrace = typeof import("@opentelemetry/sdk-trace");

/** The SDK's defaults; the SDK reads no limit from the environment either. */
const DEFAULT_SPAN_LIMITS: Required<SpanLimits> = {
  attributeCountLimit: 128,
  attributeValueLengthLimit: Number.POSITIVE_INFINITY,
  eventCountLimit: 128,
  linkCountLimit: 128,
  attributePerEventCountLimit: 128,
  attributePerLinkCountLimit: 128,
};

export interface SpanRuntimeOptions {
  resource: Resource;
  /** The SDK's default: parent-based, sampling every root. */
  sampler?: Sampler;
  spanProcessors: readonly SpanProcessor[];
  spanLimits?: SpanLimits;
}

/** What every span of one provider shares. */
export interface SpanRuntime {
  readonly api: Api;
  readonly core: Core;
  readonly resource: Resource;
  readonly sampler: Sampler;
  readonly limits: Required<SpanLimits>;
  readonly processors: readonly SpanProcessor[];
}

export function createSpanRuntime(options: SpanRuntimeOptions): SpanRuntime {
  return {
    api: load("@opentelemetry/api") as Api,
    core: load("@opentelemetry/core") as Core,
    resource: options.resource,
    sampler: options.sampler ?? defaultSampler(),
    limits: { ...DEFAULT_SPAN_LIMITS, ...options.spanLimits },
    processors: [...options.spanProcessors],
  };
}

function defaultSampler(): Sampler {
  const sdk = load("@opentelemetry/sdk-trace") as SdkTrace;
  return new sdk.ParentBasedSampler({ root: new sdk.AlwaysOnSampler() });
}

/**
 * A value the SDK would store as it is: a primitive within the length limit. Anything else
 * (arrays, maps, bytes, invalid values) takes the SDK's own cleaning in @opentelemetry/core.
 */
export function isPlainValue(value: unknown, lengthLimit: number): value is AttributeValue {
  switch (typeof value) {
    case "string":
      return value.length <= lengthLimit;
    case "number":
    case "boolean":
      return true;
    default:
      return false;
  }
}

/**
 * A copy of span attributes as the SDK's cleaning would leave them when they need none: every
 * key non-empty, every value plain or undefined (skipped), no more than the count limit.
 * Undefined when they need cleaning.
 */
export function copyIfClean(
  attributes: Attributes | undefined,
  limits: Required<SpanLimits>,
): Attributes | undefined {
  const copy: Attributes = {};
  if (attributes == null) return copy;
  if (typeof attributes !== "object") return undefined;
  let count = 0;
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    if (value === undefined) continue;
    if (key.length === 0 || !isPlainValue(value, limits.attributeValueLengthLimit))
      return undefined;
    if (++count > limits.attributeCountLimit) return undefined;
    copy[key] = value;
  }
  return copy;
}
