import { compose } from "./compose.js";
import { type EcsMetadataReport, type EcsPlatform, readEcsPlatform } from "./ecs-platform.js";
import { MESSAGES } from "./messages.js";
import {
  type ParsedResourceAttributes,
  parseOtelResourceAttributes,
} from "./otel-resource-attributes.js";
import {
  type Decision,
  ecsRule,
  envRule,
  noGroup,
  type ResolutionSource,
  userRule,
} from "./rules.js";
import { type Env, readResolverSettings } from "./settings.js";
import type { Diagnostic } from "./types.js";

export type { EcsMetadataReport } from "./ecs-platform.js";
export type { ResolutionSource } from "./rules.js";

export interface Resolution {
  source: ResolutionSource;
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
  metadata: EcsMetadataReport | undefined;
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
 * Decides `aws.log.group.names` (and friends) for this container, first rule that applies:
 * 1. already in OTEL_RESOURCE_ATTRIBUTES (names or ARNs): kept;
 * 2. LOGTRACE_LOG_GROUP_NAMES (`&`-separated);
 * 3. ECS_CONTAINER_METADATA_URI_V4: this container's own log configuration (awslogs, FireLens
 *    to CloudWatch);
 * 4. nothing: one line saying so.
 * On ECS (ECS_CONTAINER_METADATA_URI_V4 set) the metadata is read whichever rule names the
 * group, for the usual ECS resource attributes (and the ARNs of the chosen names); never an
 * attribute the user set. Never throws; every problem becomes one diagnostic line.
 */
export async function resolveEcsResourceAttributes(
  options: ResolveOptions = {},
): Promise<Resolution> {
  const input = readInput(options);
  const named = userRule(input.user) ?? envRule(input.logGroupNames);
  if (input.metadataUrl === undefined) {
    return assemble(input, named ?? noGroup(MESSAGES.nothingToGoOn()));
  }
  const ecs = await readEcsPlatform(input.metadataUrl, input.timeoutMs);
  if (named) return assemble(input, named, ecs);
  return assemble(
    input,
    ecs.ok ? ecsRule(ecs.groups, ecs) : noGroup(MESSAGES.ecsUnreadable(ecs.reason)),
    ecs,
  );
}

/**
 * The same resolution when it needs no network (not on ECS), synchronously; undefined when the
 * ECS metadata must be read.
 */
export function resolveEcsResourceAttributesSync(
  options: ResolveOptions = {},
): Resolution | undefined {
  const input = readInput(options);
  if (input.metadataUrl !== undefined) return undefined;
  return assemble(
    input,
    userRule(input.user) ?? envRule(input.logGroupNames) ?? noGroup(MESSAGES.nothingToGoOn()),
  );
}

/**
 * The resolution to use when the metadata could not be read at all (e.g. the CommonJS preload's
 * resolver thread did not answer in time): nothing added, the reason as one warning, plus the
 * lines about the user's own variable.
 */
export function unresolvedResolution(reason: string, options: ResolveOptions = {}): Resolution {
  return assemble(readInput(options), noGroup(MESSAGES.unresolved(reason)));
}

/** What every rule reads, parsed once; its problems are lines of the resolution. */
interface Input {
  started: number;
  timeoutMs: number;
  logGroupNames: string | undefined;
  /** ECS_CONTAINER_METADATA_URI_V4, trimmed; undefined when unset or blank (not on ECS). */
  metadataUrl: string | undefined;
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
  return {
    started,
    timeoutMs: options.timeoutMs ?? settings.metadataTimeoutMs,
    logGroupNames: settings.logGroupNames,
    metadataUrl: env.ECS_CONTAINER_METADATA_URI_V4?.trim() || undefined,
    userValue,
    user,
    problems: [
      ...settings.problems.map((message) => MESSAGES.warn(message)),
      ...(user?.problems ?? []).map(MESSAGES.userVariableProblem),
    ],
  };
}

const SEVERITY: Record<Diagnostic["level"], number> = { warn: 0, info: 1, debug: 2 };

/**
 * The one place a resolution is put together: the decision's groups (and, on ECS, the
 * attributes the metadata gives whichever rule named them) composed into the variable, and the
 * lines in order: what was decided first, then warnings, information, debug.
 */
function assemble(input: Input, decision: Decision, ecs?: EcsPlatform): Resolution {
  let lead = decision.lead;
  const lines: Diagnostic[] = [...input.problems, ...decision.notes];
  const fromRule12 = decision.source === "user" || decision.source === "env";
  if (ecs?.ok) {
    lines.push(...ecs.notes);
    if (fromRule12) {
      lead = MESSAGES.withEcsAttributes(lead, ecs.elapsedMs);
      if (ecs.wrongTypes !== "") lines.push(MESSAGES.debug(ecs.wrongTypes));
    }
  } else if (ecs && fromRule12) {
    lines.push(MESSAGES.ecsAttributesMissing(ecs.reason));
  }
  // The user's names stay theirs: only their ARNs are derived, when they set none.
  const keepUserArns = decision.source === "user" && decision.userArns !== undefined;
  const composed = compose({
    userValue: input.userValue,
    user: input.user,
    logGroupNames: keepUserArns ? [] : decision.names,
    location: ecs?.ok ? ecs.location : undefined,
    extra: ecs?.ok ? ecs.attributes : [],
  });
  lines.push(...composed.diagnostics);
  lines.sort((a, b) => SEVERITY[a.level] - SEVERITY[b.level]);
  return {
    source: decision.source,
    otelResourceAttributes: composed.otelResourceAttributes,
    attributes: composed.attributes,
    resourceAttributes: composed.resourceAttributes,
    logGroupNames: decision.names,
    logGroupArns: decision.userArns ?? composed.logGroupArns,
    userAttributes: input.user,
    metadata: ecs?.ok ? ecs.report : undefined,
    diagnostics: [lead, ...lines],
    elapsedMs: Math.round((performance.now() - input.started) * 10) / 10,
  };
}
