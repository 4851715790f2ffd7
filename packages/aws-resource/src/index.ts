/**
 * `@logtrace/aws-resource`: this container's CloudWatch log groups and ECS resource attributes,
 * and OTEL_RESOURCE_ATTRIBUTES read and written as the OpenTelemetry SDK does. No side effects.
 */
export { logGroupArn, parseArn } from "./arn.js";
export type { AwsLocation, EcsFacts } from "./ecs-attributes.js";
export {
  type DiscardedBy,
  encodeOtelResourceAttributeText,
  formatOtelResourceAttributes,
  type ParsedResourceAttributes,
  parseOtelResourceAttributes,
  type ResourceAttributeEntry,
  type ResourceAttributeProblem,
} from "./otel-resource-attributes.js";
export {
  type EcsMetadataReport,
  type Resolution,
  type ResolutionSource,
  type ResolveOptions,
  resolveEcsResourceAttributes,
  resolveEcsResourceAttributesSync,
  unresolvedResolution,
} from "./resolve.js";
export { type Env, type ResolverSettings, readResolverSettings } from "./settings.js";
export type { Diagnostic } from "./types.js";
