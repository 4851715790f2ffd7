/**
 * `@logtrace/aws-resource`: this process's CloudWatch log groups (ECS, EC2, Lambda) and resource
 * attributes,
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
  type Ec2AgentReport,
  type Ec2MetadataReport,
  type EcsMetadataReport,
  type Platform,
  type Resolution,
  type ResolutionSource,
  type ResolveOptions,
  resolveAwsResourceAttributes,
  resolveAwsResourceAttributesSync,
  unresolvedResolution,
} from "./resolve.js";
export { type Env, type ResolverSettings, readResolverSettings } from "./settings.js";
export type { Diagnostic } from "./types.js";
