/** Every line the resolver says about its decision, in one place. */
import { type LOG_GROUP_ARNS, LOG_GROUP_NAMES } from "./compose.js";
import type { ResourceAttributeProblem } from "./otel-resource-attributes.js";
import type { Diagnostic } from "./types.js";

const info = (message: string): Diagnostic => ({ level: "info", message });
const warn = (message: string): Diagnostic => ({ level: "warn", message });
const debug = (message: string): Diagnostic => ({ level: "debug", message });

export const MESSAGES = {
  userKept: (key: typeof LOG_GROUP_NAMES | typeof LOG_GROUP_ARNS) =>
    info(`${key} set in OTEL_RESOURCE_ATTRIBUTES: kept as is`),
  fromEnv: (names: string[]) =>
    info(`${LOG_GROUP_NAMES}=${names.join("&")} (from LOGTRACE_LOG_GROUP_NAMES)`),
  envNamesNone: () =>
    warn("LOGTRACE_LOG_GROUP_NAMES names no valid group: starting without aws.log.group.names"),
  envNamesInvalid: (invalid: string[]) =>
    warn(
      `LOGTRACE_LOG_GROUP_NAMES: ignored ${invalid.map((n) => `"${n}"`).join(", ")}: not a CloudWatch Logs group name ([.-_/#A-Za-z0-9], at most 512)`,
    ),
  withEcsAttributes: (lead: Diagnostic, elapsedMs: number): Diagnostic => ({
    ...lead,
    message: `${lead.message}; ECS attributes from the metadata (${elapsedMs} ms)`,
  }),
  ecsAttributesMissing: (reason: string) =>
    warn(
      `ECS metadata unreadable (${reason}): the ECS resource attributes (cloud.*, aws.ecs.*) are not added`,
    ),
  fromEcs: (names: string[], logDriver: string | undefined, elapsedMs: number) =>
    info(
      `${LOG_GROUP_NAMES}=${names.join("&")} (ECS metadata, log driver ${logDriver}, ${elapsedMs} ms)`,
    ),
  ecsNoGroup: (missing: string, wrongTypes: string) =>
    warn(
      `no log group for this container: ${missing}${wrongTypes === "" ? "" : ` (${wrongTypes})`}`,
    ),
  ecsUnreadable: (reason: string) =>
    warn(
      `ECS container metadata unreadable (${reason}): starting without aws.log.group.names; set LOGTRACE_LOG_GROUP_NAMES to name the group`,
    ),
  ecsTaskUnreadable: (reason: string) =>
    debug(`ECS task metadata unreadable (${reason}): no availability zone or launch type`),
  ecsWrongTypes: (fields: string[]) =>
    `ignored ECS metadata fields of an unexpected type: ${fields.join(", ")}`,
  nothingToGoOn: () =>
    info(
      "not on ECS (ECS_CONTAINER_METADATA_URI_V4 unset) and LOGTRACE_LOG_GROUP_NAMES unset: starting without aws.log.group.names",
    ),
  unresolved: (reason: string) =>
    warn(
      `${reason}: starting without aws.log.group.names; set LOGTRACE_LOG_GROUP_NAMES to name the group`,
    ),
  userVariableProblem: (problem: ResourceAttributeProblem) =>
    warn(
      problem.discardedBy === "all"
        ? `OTEL_RESOURCE_ATTRIBUTES entry "${problem.entry}": ${problem.reason}; OpenTelemetry discards the WHOLE variable (service.name too) until it is fixed`
        : `OTEL_RESOURCE_ATTRIBUTES entry #${problem.index + 1}: ${problem.reason}`,
    ),
  debug,
  warn,
};
