/** Every line the resolver says about its decision, in one place. */
import { type LOG_GROUP_ARNS, LOG_GROUP_NAMES } from "./compose.js";
import type { ResourceAttributeProblem } from "./otel-resource-attributes.js";
import type { Diagnostic } from "./types.js";

export type PlatformName = "ECS" | "EC2" | "Lambda";

const describeSkipped = (skipped: Array<{ template: string; file: string; why: string }>) =>
  skipped.map((s) => `"${s.template}" (for ${s.file}): ${s.why}`).join("; ");

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
  withPlatformAttributes: (lead: Diagnostic, platform: PlatformName, elapsedMs: number) => ({
    ...lead,
    message:
      platform === "Lambda"
        ? `${lead.message}; Lambda attributes from the environment`
        : `${lead.message}; ${platform} attributes from the metadata (${elapsedMs} ms)`,
  }),
  platformAttributesMissing: (platform: PlatformName, reason: string) =>
    warn(
      platform === "EC2"
        ? `EC2 instance metadata unreadable (${reason}): the EC2 resource attributes (cloud.*, host.*) and the ARNs are not added`
        : `ECS metadata unreadable (${reason}): the ECS resource attributes (cloud.*, aws.ecs.*) are not added`,
    ),
  fromLambda: (names: string[]) =>
    info(`${LOG_GROUP_NAMES}=${names.join("&")} (from AWS_LAMBDA_LOG_GROUP_NAME)`),
  lambdaNoGroup: () =>
    warn(
      "on Lambda (AWS_LAMBDA_FUNCTION_NAME set) without AWS_LAMBDA_LOG_GROUP_NAME (SnapStart unsets it): starting without aws.log.group.names; set LOGTRACE_LOG_GROUP_NAMES to name the group",
    ),
  lambdaNoArns: () =>
    debug("no aws.log.group.arns on Lambda: the account is not in the environment"),
  fromEc2: (groups: Array<{ name: string; glob: string; file: string }>, elapsedMs: number) =>
    info(
      `${LOG_GROUP_NAMES}=${[...new Set(groups.map((g) => g.name))].join("&")} (CloudWatch agent config: ${groups.map((g) => `${g.file} matches ${g.glob}`).join("; ")}; ${elapsedMs} ms)`,
    ),
  ec2Skipped: (skipped: Array<{ template: string; file: string; why: string }>) =>
    warn(`CloudWatch agent log group(s) skipped: ${describeSkipped(skipped)}`),
  ec2NoGroup: (
    skipped: Array<{ template: string; file: string; why: string }>,
    wrongTypes: string,
  ) =>
    warn(
      `no log group for this process: ${describeSkipped(skipped)}${wrongTypes === "" ? "" : ` (${wrongTypes})`}; set LOGTRACE_LOG_GROUP_NAMES to name the group`,
    ),
  ec2NoMatch: (files: Array<{ path: string; via: string }>, globs: string[]) =>
    warn(
      `no log group for this process: the CloudWatch agent ships none of its files (${
        files.length === 0
          ? "stdout and stderr are not files and LOGTRACE_LOG_FILES is unset"
          : `it writes ${files.map((f) => `${f.path} (${f.via})`).join(", ")}`
      }; the agent's file_path globs: ${globs.length === 0 ? "none" : globs.join(", ")}); set LOGTRACE_LOG_FILES to the files the app writes, or LOGTRACE_LOG_GROUP_NAMES`,
    ),
  ec2Unreadable: (
    reason: string,
    skipped: Array<{ template: string; file: string; why: string }>,
    kept: boolean,
  ) =>
    warn(
      `EC2 instance metadata unreadable (${reason}): ${skipped.length > 0 ? `skipped ${describeSkipped(skipped)}; ` : ""}${kept ? "no ARNs, no EC2 attributes" : "starting without aws.log.group.names; set LOGTRACE_LOG_GROUP_NAMES to name the group"}`,
    ),
  ec2MetadataNote: (reason: string) =>
    debug(`EC2 instance metadata unreadable (${reason}): no EC2 attributes`),
  ec2WrongTypes: (fields: string[]) =>
    `ignored instance identity fields of an unexpected type: ${fields.join(", ")}`,
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
      "not on ECS (ECS_CONTAINER_METADATA_URI_V4 unset), Lambda, or EC2 with a CloudWatch agent config, and LOGTRACE_LOG_GROUP_NAMES unset: starting without aws.log.group.names",
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
  info,
  warn,
};
