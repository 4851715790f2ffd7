/**
 * `@logtrace/bootstrap/resolver`: the resolution the preload performs, without side effects,
 * for programmatic use (a CLI doctor, a custom SDK set-up, tests).
 */
export { logGroupArn, parseArn } from "./resolver/arn.js";
export {
  type ContainerLogGroups,
  containerLogGroups,
  LOG_GROUP_NAME,
  resolveFirelensTemplate,
} from "./resolver/container-log-groups.js";
export type { AwsLocation, EcsFacts } from "./resolver/ecs-attributes.js";
export { MAX_METADATA_BYTES } from "./resolver/get-json.js";
export {
  appendOtelResourceAttributes,
  type DiscardedBy,
  encodeOtelResourceAttributeText,
  fitsOtelResourceAttributeLimit,
  formatOtelResourceAttributes,
  OTEL_RESOURCE_ATTRIBUTE_MAX_LENGTH,
  type ParsedResourceAttributes,
  parseOtelResourceAttributes,
  type ResourceAttributeEntry,
  type ResourceAttributeProblem,
} from "./resolver/otel-resource-attributes.js";
export {
  type EcsMetadataReport,
  type Resolution,
  type ResolutionSource,
  type ResolveOptions,
  resolveEcsResourceAttributes,
  resolveEcsResourceAttributesSync,
} from "./resolver/resolve.js";
export {
  type BootstrapSettings,
  DEFAULT_METADATA_TIMEOUT_MS,
  type Env,
  type LogLevel,
  readSettings,
} from "./resolver/settings.js";
export type { Diagnostic } from "./resolver/types.js";
