import { compose } from "./compose.js";
import { type Ec2AgentSetup, readEc2AgentSetup } from "./ec2-agent.js";
import {
  type Ec2MetadataReport,
  type Ec2Platform,
  imdsEndpoint,
  readEc2Platform,
} from "./ec2-platform.js";
import type { AwsLocation } from "./ecs-attributes.js";
import { type EcsMetadataReport, readEcsPlatform } from "./ecs-platform.js";
import { MESSAGES, type PlatformName } from "./messages.js";
import {
  type ParsedResourceAttributes,
  parseOtelResourceAttributes,
} from "./otel-resource-attributes.js";
import {
  type Decision,
  ec2Rule,
  ecsRule,
  envRule,
  lambdaRule,
  noGroup,
  type ResolutionSource,
  userRule,
} from "./rules.js";
import { type Env, readResolverSettings } from "./settings.js";
import type { Diagnostic } from "./types.js";

export type { Ec2MetadataReport } from "./ec2-platform.js";
export type { EcsMetadataReport } from "./ecs-platform.js";
export type { ResolutionSource } from "./rules.js";

/** Where this process runs, as far as the resolver can tell without a network call. */
export type Platform = "ecs" | "lambda" | "ec2" | "none";

/** What the CloudWatch agent's configs say about this process (platform "ec2"). */
export interface Ec2AgentReport {
  configFiles: string[];
  /** Each `collect_list` entry: its `file_path` glob and `log_group_name` (unset: derived). */
  globs: Array<{ filePath: string; logGroupName: string | undefined; config: string }>;
  /** The files this process writes: stdout/stderr when regular files, LOGTRACE_LOG_FILES. */
  processFiles: Array<{ path: string; via: "stdout" | "stderr" | "LOGTRACE_LOG_FILES" }>;
  /** The entries that ship one of those files. */
  matches: Array<{ filePath: string; file: string }>;
}

export interface Resolution {
  source: ResolutionSource;
  /** ECS when ECS_CONTAINER_METADATA_URI_V4 is set, Lambda when AWS_LAMBDA_* is, EC2 when a
   * CloudWatch agent config exists; none otherwise. */
  platform: Platform;
  /**
   * The full new value for OTEL_RESOURCE_ATTRIBUTES (the user's entries verbatim, ours
   * appended), or undefined when the variable should stay as it is.
   */
  otelResourceAttributes: string | undefined;
  /** What we added to the variable, decoded. */
  attributes: Record<string, string>;
  /**
   * What an SDK built in code should add to its resource: `attributes` plus whatever could not
   * be written into the variable (over 255 characters); never a key the user set.
   */
  resourceAttributes: Record<string, string>;
  logGroupNames: string[];
  logGroupArns: string[];
  /** The user's OTEL_RESOURCE_ATTRIBUTES as the SDK reads it (undefined when unset or blank). */
  userAttributes: ParsedResourceAttributes | undefined;
  /** The ECS metadata, when it was read. */
  metadata: EcsMetadataReport | undefined;
  /** The EC2 instance metadata, when it was read. */
  ec2Metadata: Ec2MetadataReport | undefined;
  /** The CloudWatch agent's configs against this process's files (platform "ec2"). */
  ec2Agent: Ec2AgentReport | undefined;
  /** One line each, most important first. */
  diagnostics: Diagnostic[];
  elapsedMs: number;
}

export interface ResolveOptions {
  /** Defaults to `process.env`; never modified. */
  env?: Env;
  /** Bound for the metadata requests; defaults to LOGTRACE_METADATA_TIMEOUT_MS, else 1000. */
  timeoutMs?: number;
}

/**
 * Decides `aws.log.group.names` (and friends) for this process, first rule that applies:
 * 1. already in OTEL_RESOURCE_ATTRIBUTES (names or ARNs): kept;
 * 2. LOGTRACE_LOG_GROUP_NAMES (`&`-separated);
 * 3. the platform's own answer: on ECS this container's log configuration (metadata); on Lambda
 *    AWS_LAMBDA_LOG_GROUP_NAME; on EC2 the CloudWatch agent's configs matched against the files
 *    this process writes, placeholders from the instance metadata (IMDSv2);
 * 4. nothing: one line saying so.
 * On ECS and EC2 the metadata is read whichever rule names the group, for the usual resource
 * attributes (and the ARNs of the chosen names); never an attribute the user set. Never throws;
 * every problem becomes one diagnostic line.
 */
export async function resolveAwsResourceAttributes(
  options: ResolveOptions = {},
): Promise<Resolution> {
  const input = readInput(options);
  const named = userRule(input.user) ?? envRule(input.logGroupNames);
  if (input.platform === "ecs" && input.metadataUrl !== undefined) {
    const ecs = await readEcsPlatform(input.metadataUrl, input.timeoutMs);
    if (named) return assemble(input, named, ecs);
    return assemble(
      input,
      ecs.ok ? ecsRule(ecs.groups, ecs) : noGroup(MESSAGES.ecsUnreadable(ecs.reason)),
      ecs,
    );
  }
  if (input.platform === "ec2" && input.imdsEndpoint !== undefined) {
    return decideEc2(input, named, await readEc2Platform(input.imdsEndpoint, input.timeoutMs));
  }
  return decideWithoutNetwork(input, named);
}

/**
 * The same resolution when it needs no network, synchronously; undefined when metadata must be
 * read (on ECS, and on EC2 with a CloudWatch agent config unless AWS_EC2_METADATA_DISABLED).
 */
export function resolveAwsResourceAttributesSync(
  options: ResolveOptions = {},
): Resolution | undefined {
  const input = readInput(options);
  if (input.platform === "ecs") return undefined;
  if (input.platform === "ec2" && input.imdsEndpoint !== undefined) return undefined;
  return decideWithoutNetwork(input, userRule(input.user) ?? envRule(input.logGroupNames));
}

/**
 * The resolution to use when the metadata could not be read at all (e.g. the CommonJS preload's
 * resolver thread did not answer in time): nothing added, the reason as one warning, plus the
 * lines about the user's own variable.
 */
export function unresolvedResolution(reason: string, options: ResolveOptions = {}): Resolution {
  return assemble(readInput(options), noGroup(MESSAGES.unresolved(reason)));
}

function decideWithoutNetwork(input: Input, named: Decision | undefined): Resolution {
  if (input.platform === "lambda") {
    return assemble(input, named ?? lambdaRule(input.env.AWS_LAMBDA_LOG_GROUP_NAME), {
      ok: true,
      name: "Lambda",
      location: undefined,
      attributes: lambdaResourceAttributes(input.env),
      wrongTypes: "",
      elapsedMs: 0,
      notes: [MESSAGES.lambdaNoArns()],
    });
  }
  if (input.platform === "ec2") {
    return decideEc2(input, named, {
      ok: false,
      name: "EC2",
      reason: "AWS_EC2_METADATA_DISABLED is set",
    });
  }
  return assemble(input, named ?? noGroup(MESSAGES.nothingToGoOn()));
}

function decideEc2(input: Input, named: Decision | undefined, imds: Ec2Platform): Resolution {
  const setup = input.ec2 as Ec2AgentSetup;
  return assemble(input, named ?? ec2Rule(setup, imds), imds);
}

/** The attributes the stock Lambda detector sets, from the runtime's variables. */
function lambdaResourceAttributes(env: Env): Array<[string, string]> {
  const candidates: Array<[string, string | undefined]> = [
    ["cloud.provider", "aws"],
    ["cloud.platform", "aws_lambda"],
    ["cloud.region", env.AWS_REGION?.trim() || undefined],
    ["faas.name", env.AWS_LAMBDA_FUNCTION_NAME?.trim() || undefined],
    ["faas.version", env.AWS_LAMBDA_FUNCTION_VERSION?.trim() || undefined],
  ];
  return candidates.filter((pair): pair is [string, string] => pair[1] !== undefined);
}

/** What every rule reads, parsed once; its problems are lines of the resolution. */
interface Input {
  env: Env;
  started: number;
  timeoutMs: number;
  logGroupNames: string | undefined;
  platform: Platform;
  /** ECS_CONTAINER_METADATA_URI_V4, trimmed; undefined when unset or blank (not on ECS). */
  metadataUrl: string | undefined;
  /** The CloudWatch agent's configs against this process's files (platform "ec2"). */
  ec2: Ec2AgentSetup | undefined;
  /** Undefined when AWS_EC2_METADATA_DISABLED. */
  imdsEndpoint: string | undefined;
  userValue: string | undefined;
  user: ParsedResourceAttributes | undefined;
  problems: Diagnostic[];
}

function readInput(options: ResolveOptions): Input {
  const started = performance.now();
  const env = options.env ?? process.env;
  const settings = readResolverSettings(env);
  const userValue = env.OTEL_RESOURCE_ATTRIBUTES;
  const user =
    userValue === undefined || userValue.trim() === ""
      ? undefined
      : parseOtelResourceAttributes(userValue);
  const problems: Diagnostic[] = [
    ...settings.problems.map((message) => MESSAGES.warn(message)),
    ...(user?.problems ?? []).map(MESSAGES.userVariableProblem),
  ];
  const metadataUrl = env.ECS_CONTAINER_METADATA_URI_V4?.trim() || undefined;
  const onLambda = Boolean(
    env.AWS_LAMBDA_FUNCTION_NAME?.trim() || env.AWS_LAMBDA_LOG_GROUP_NAME?.trim(),
  );
  let platform: Platform = metadataUrl ? "ecs" : onLambda ? "lambda" : "none";
  let ec2: Ec2AgentSetup | undefined;
  if (platform === "none") {
    // Stat only: a host without the agent's config never reaches the metadata service.
    const setup = readEc2AgentSetup(settings.cwagentConfig, settings.logFiles);
    if (setup && "problem" in setup) problems.push(MESSAGES.warn(setup.problem));
    else if (setup) {
      platform = "ec2";
      ec2 = setup;
      problems.push(...setup.problems.map((message) => MESSAGES.warn(message)));
    }
  }
  return {
    env,
    started,
    timeoutMs: options.timeoutMs ?? settings.metadataTimeoutMs,
    logGroupNames: settings.logGroupNames,
    platform,
    metadataUrl,
    ec2,
    imdsEndpoint: imdsEndpoint(env),
    userValue,
    user,
    problems,
  };
}

/** What a platform's metadata (or environment) gives, whichever rule names the groups. */
type PlatformRead =
  | {
      ok: true;
      name: PlatformName;
      location: AwsLocation | undefined;
      attributes: Array<[string, string]>;
      wrongTypes: string;
      elapsedMs: number;
      notes: Diagnostic[];
      report?: unknown;
    }
  | { ok: false; name: PlatformName; reason: string };

const SEVERITY: Record<Diagnostic["level"], number> = { warn: 0, info: 1, debug: 2 };

/**
 * The one place a resolution is put together: the decision's groups (and the attributes the
 * platform gives whichever rule named them) composed into the variable, and the lines in order:
 * what was decided first, then warnings, information, debug.
 */
function assemble(input: Input, decision: Decision, platform?: PlatformRead): Resolution {
  let lead = decision.lead;
  const lines: Diagnostic[] = [...input.problems, ...decision.notes];
  const fromRule12 = decision.source === "user" || decision.source === "env";
  if (platform?.ok) {
    lines.push(...platform.notes);
    if (fromRule12) {
      lead = MESSAGES.withPlatformAttributes(lead, platform.name, platform.elapsedMs);
      if (platform.wrongTypes !== "") lines.push(MESSAGES.debug(platform.wrongTypes));
    }
  } else if (platform && fromRule12) {
    lines.push(MESSAGES.platformAttributesMissing(platform.name, platform.reason));
  }
  // The user's names stay theirs: only their ARNs are derived, when they set none.
  const keepUserArns = decision.source === "user" && decision.userArns !== undefined;
  const composed = compose({
    userValue: input.userValue,
    user: input.user,
    logGroupNames: keepUserArns ? [] : decision.names,
    location: platform?.ok ? platform.location : undefined,
    extra: platform?.ok ? platform.attributes : [],
  });
  lines.push(...composed.diagnostics);
  lines.sort((a, b) => SEVERITY[a.level] - SEVERITY[b.level]);
  const ec2 = input.ec2;
  return {
    source: decision.source,
    platform: input.platform,
    otelResourceAttributes: composed.otelResourceAttributes,
    attributes: composed.attributes,
    resourceAttributes: composed.resourceAttributes,
    logGroupNames: decision.names,
    logGroupArns: decision.userArns ?? composed.logGroupArns,
    userAttributes: input.user,
    metadata:
      platform?.ok && platform.name === "ECS" ? (platform.report as EcsMetadataReport) : undefined,
    ec2Metadata:
      platform?.ok && platform.name === "EC2" ? (platform.report as Ec2MetadataReport) : undefined,
    ec2Agent: ec2 && {
      configFiles: ec2.configFiles,
      globs: ec2.entries.map(({ filePath, logGroupName, config }) => ({
        filePath,
        logGroupName,
        config,
      })),
      processFiles: ec2.processFiles,
      matches: ec2.matches.map(({ entry, file }) => ({
        filePath: entry.filePath,
        file: file.path,
      })),
    },
    diagnostics: [lead, ...lines],
    elapsedMs: Math.round((performance.now() - input.started) * 10) / 10,
  };
}
