import { compose, LOG_GROUP_ARNS, LOG_GROUP_NAMES } from "./compose.js";
import { containerLogGroups, LOG_GROUP_NAME } from "./container-log-groups.js";
import {
  type AwsLocation,
  type EcsFacts,
  ecsFacts,
  ecsResourceAttributes,
} from "./ecs-attributes.js";
import {
  type ContainerMetadata,
  readContainerMetadata,
  readTaskMetadata,
  type TaskMetadata,
} from "./ecs-metadata.js";
import { getJson } from "./get-json.js";
import {
  type ParsedResourceAttributes,
  parseOtelResourceAttributes,
} from "./otel-resource-attributes.js";
import { type Env, readResolverSettings } from "./settings.js";
import type { Diagnostic } from "./types.js";

export type ResolutionSource = "user" | "env" | "ecs-metadata" | "none";

/** What the metadata said, for a doctor to show; present when the endpoint was read. */
export interface EcsMetadataReport extends EcsFacts {
  containerUrl: string;
  /** The task response is read for the availability zone and launch type; its loss is not fatal. */
  taskResponse: "ok" | "failed";
}

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
  const context = prepare(options);
  const chosen = chooseGroups(context);
  if (context.metadataUrl === undefined) return withoutMetadata(context, chosen);
  const metadata = await readMetadata(context, context.metadataUrl);
  return chosen ? chosenWithMetadata(context, chosen, metadata) : fromMetadata(context, metadata);
}

/**
 * The same resolution when it needs no network (not on ECS), synchronously; undefined when the
 * ECS metadata must be read.
 */
export function resolveEcsResourceAttributesSync(
  options: ResolveOptions = {},
): Resolution | undefined {
  const context = prepare(options);
  if (context.metadataUrl !== undefined) return undefined;
  return withoutMetadata(context, chooseGroups(context));
}

/**
 * The resolution to use when the metadata could not be read at all (e.g. the CommonJS preload's
 * resolver thread did not answer in time): nothing added, the reason as one warning, plus the
 * lines about the user's own variable.
 */
export function unresolvedResolution(reason: string, options: ResolveOptions = {}): Resolution {
  const context = prepare(options);
  context.diagnostics.unshift({
    level: "warn",
    message: `${reason}: starting without aws.log.group.names; set LOGTRACE_LOG_GROUP_NAMES to name the group`,
  });
  return context.done({ ...context.base, source: "none", logGroupNames: [] });
}

interface Context {
  env: Env;
  timeoutMs: number;
  logGroupNames: string | undefined;
  /** ECS_CONTAINER_METADATA_URI_V4, trimmed; undefined when unset or blank (not on ECS). */
  metadataUrl: string | undefined;
  userValue: string | undefined;
  user: ParsedResourceAttributes | undefined;
  diagnostics: Diagnostic[];
  base: Omit<Resolution, "source" | "logGroupNames" | "diagnostics" | "elapsedMs">;
  done(rest: Omit<Resolution, "elapsedMs" | "userAttributes" | "diagnostics">): Resolution;
}

function prepare(options: ResolveOptions): Context {
  const started = performance.now();
  const env = options.env ?? process.env;
  const settings = readResolverSettings(env);
  const diagnostics: Diagnostic[] = settings.problems.map((message) => ({
    level: "warn",
    message,
  }));
  const userValue = env.OTEL_RESOURCE_ATTRIBUTES;
  const user =
    userValue === undefined || userValue.trim() === ""
      ? undefined
      : parseOtelResourceAttributes(userValue);
  for (const problem of user?.problems ?? []) {
    diagnostics.push({
      level: "warn",
      message:
        problem.discardedBy === "all"
          ? `OTEL_RESOURCE_ATTRIBUTES entry "${problem.entry}": ${problem.reason}; OpenTelemetry discards the WHOLE variable (service.name too) until it is fixed`
          : `OTEL_RESOURCE_ATTRIBUTES entry #${problem.index + 1}: ${problem.reason}`,
    });
  }
  return {
    env,
    timeoutMs: options.timeoutMs ?? settings.metadataTimeoutMs,
    logGroupNames: settings.logGroupNames,
    metadataUrl: env.ECS_CONTAINER_METADATA_URI_V4?.trim() || undefined,
    userValue,
    user,
    diagnostics,
    base: {
      otelResourceAttributes: undefined,
      attributes: {},
      resourceAttributes: {},
      logGroupArns: [],
      userAttributes: user,
      metadata: undefined,
    },
    done: (rest) => ({
      ...rest,
      userAttributes: user,
      diagnostics,
      elapsedMs: Math.round((performance.now() - started) * 10) / 10,
    }),
  };
}

/** The groups named by the user (rule 1) or by LOGTRACE_LOG_GROUP_NAMES (rule 2). */
interface ChosenGroups {
  source: "user" | "env";
  names: string[];
  /** The user's own `aws.log.group.arns` (rule 1 only). */
  userArns: string[] | undefined;
  /** The first line: where the groups come from. */
  lead: Diagnostic;
}

const splitGroups = (value: string) => value.split("&").filter((item) => item !== "");

function chooseGroups(context: Context): ChosenGroups | undefined {
  const { user, diagnostics } = context;
  // 1. The user's own setting.
  const userEntry = user?.entries.findLast((entry) => entry.key === LOG_GROUP_NAMES);
  const userArns = user?.entries.findLast((entry) => entry.key === LOG_GROUP_ARNS);
  if (userEntry || userArns) {
    return {
      source: "user",
      names: userEntry ? splitGroups(userEntry.value) : [],
      userArns: userArns ? splitGroups(userArns.value) : undefined,
      lead: {
        level: "info",
        message: `${userEntry ? LOG_GROUP_NAMES : LOG_GROUP_ARNS} set in OTEL_RESOURCE_ATTRIBUTES: kept as is`,
      },
    };
  }

  // 2. LOGTRACE_LOG_GROUP_NAMES.
  if (context.logGroupNames === undefined) return undefined;
  const given = context.logGroupNames
    .split("&")
    .map((name) => name.trim())
    .filter(Boolean);
  const valid = given.filter((name) => LOG_GROUP_NAME.test(name));
  const invalid = given.filter((name) => !LOG_GROUP_NAME.test(name));
  if (invalid.length > 0) {
    diagnostics.push({
      level: "warn",
      message: `LOGTRACE_LOG_GROUP_NAMES: ignored ${invalid.map((n) => `"${n}"`).join(", ")}: not a CloudWatch Logs group name ([.-_/#A-Za-z0-9], at most 512)`,
    });
  }
  return {
    source: "env",
    names: valid,
    userArns: undefined,
    lead:
      valid.length > 0
        ? {
            level: "info",
            message: `${LOG_GROUP_NAMES}=${valid.join("&")} (from LOGTRACE_LOG_GROUP_NAMES)`,
          }
        : {
            level: "warn",
            message:
              "LOGTRACE_LOG_GROUP_NAMES names no valid group: starting without aws.log.group.names",
          },
  };
}

/** The resolution of a chosen group list, with what the metadata told (or nothing). */
function composeChosen(
  context: Context,
  chosen: ChosenGroups,
  ecs: { location: AwsLocation | undefined; extra: Array<[string, string]> },
) {
  // The user's names stay theirs: only their ARNs are derived, when they set none.
  const names = chosen.source === "user" && chosen.userArns !== undefined ? [] : chosen.names;
  const composed = compose({
    userValue: context.userValue,
    user: context.user,
    logGroupNames: names,
    location: ecs.location,
    extra: ecs.extra,
  });
  context.diagnostics.push(...composed.diagnostics);
  return {
    ...context.base,
    ...composed,
    source: chosen.source,
    logGroupNames: chosen.names,
    logGroupArns: chosen.userArns ?? composed.logGroupArns,
  };
}

function withoutMetadata(context: Context, chosen: ChosenGroups | undefined): Resolution {
  if (chosen) {
    const resolution = composeChosen(context, chosen, { location: undefined, extra: [] });
    context.diagnostics.unshift(chosen.lead);
    return context.done(resolution);
  }
  // 4. Nothing to go on.
  context.diagnostics.unshift({
    level: "info",
    message:
      "not on ECS (ECS_CONTAINER_METADATA_URI_V4 unset) and LOGTRACE_LOG_GROUP_NAMES unset: starting without aws.log.group.names",
  });
  return context.done({ ...context.base, source: "none", logGroupNames: [] });
}

type MetadataRead =
  | {
      ok: true;
      container: ContainerMetadata;
      facts: EcsFacts;
      report: EcsMetadataReport;
      /** Fields of an unexpected type, for the lines (empty when none). */
      wrongTypes: string;
      elapsedMs: number;
    }
  | { ok: false; message: string };

/** `GET ${uri}` (this container) and `GET ${uri}/task`, in parallel, bounded by the timeout. */
async function readMetadata(context: Context, containerUrl: string): Promise<MetadataRead> {
  const { timeoutMs, diagnostics } = context;
  const started = performance.now();
  const deadline = Date.now() + timeoutMs;
  const [containerResult, taskResult] = await Promise.all([
    getJson(containerUrl, { deadline, budgetMs: timeoutMs }),
    getJson(`${containerUrl.replace(/\/+$/u, "")}/task`, { deadline, budgetMs: timeoutMs }),
  ]);
  if (!containerResult.ok) {
    return { ok: false, message: `${containerResult.message}, ${containerUrl}` };
  }
  const container = readContainerMetadata(containerResult.json);
  let task: TaskMetadata | undefined;
  if (taskResult.ok) {
    const checked = readTaskMetadata(taskResult.json);
    task = checked.value;
    container.wrongTypes.push(...checked.wrongTypes.map((field) => `task ${field}`));
  } else {
    diagnostics.push({
      level: "debug",
      message: `ECS task metadata unreadable (${taskResult.message}): no availability zone or launch type`,
    });
  }
  const facts = ecsFacts(container.value, task);
  return {
    ok: true,
    container: container.value,
    facts,
    report: { ...facts, containerUrl, taskResponse: taskResult.ok ? "ok" : "failed" },
    wrongTypes:
      container.wrongTypes.length > 0
        ? `ignored ECS metadata fields of an unexpected type: ${container.wrongTypes.join(", ")}`
        : "",
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** Where ARNs of this container's groups live: its log destination's region, else the task's. */
function logLocation(facts: EcsFacts, region: string | undefined): AwsLocation | undefined {
  return facts.location && region ? { ...facts.location, region } : facts.location;
}

/** Rules 1 and 2 on ECS: the chosen groups, plus the ECS attributes the metadata gives. */
function chosenWithMetadata(
  context: Context,
  chosen: ChosenGroups,
  metadata: MetadataRead,
): Resolution {
  const { diagnostics } = context;
  if (!metadata.ok) {
    const resolution = composeChosen(context, chosen, { location: undefined, extra: [] });
    diagnostics.unshift(chosen.lead, {
      level: "warn",
      message: `ECS metadata unreadable (${metadata.message}): the ECS resource attributes (cloud.*, aws.ecs.*) are not added`,
    });
    return context.done(resolution);
  }
  const { facts, container } = metadata;
  const region = containerLogGroups(container, facts).region;
  const resolution = composeChosen(context, chosen, {
    location: logLocation(facts, region),
    extra: ecsResourceAttributes(facts),
  });
  diagnostics.unshift({
    ...chosen.lead,
    message: `${chosen.lead.message}; ECS attributes from the metadata (${metadata.elapsedMs} ms)`,
  });
  if (metadata.wrongTypes !== "")
    diagnostics.push({ level: "debug", message: metadata.wrongTypes });
  return context.done({ ...resolution, metadata: metadata.report });
}

/** Rule 3: this container's own log configuration. */
function fromMetadata(context: Context, metadata: MetadataRead): Resolution {
  const { user, userValue, diagnostics, base, done } = context;
  if (!metadata.ok) {
    diagnostics.unshift({
      level: "warn",
      message: `ECS container metadata unreadable (${metadata.message}): starting without aws.log.group.names; set LOGTRACE_LOG_GROUP_NAMES to name the group`,
    });
    return done({ ...base, source: "none", logGroupNames: [] });
  }
  const { facts, container, wrongTypes } = metadata;
  const groups = containerLogGroups(container, facts);
  const composed = compose({
    userValue,
    user,
    logGroupNames: groups.names,
    location: logLocation(facts, groups.region),
    extra: ecsResourceAttributes(facts),
  });
  diagnostics.push(...composed.diagnostics);
  diagnostics.unshift(
    groups.missing === undefined
      ? {
          level: "info",
          message: `${LOG_GROUP_NAMES}=${groups.names.join("&")} (ECS metadata, log driver ${facts.logDriver}, ${metadata.elapsedMs} ms)`,
        }
      : {
          level: "warn",
          message: `no log group for this container: ${groups.missing}${wrongTypes === "" ? "" : ` (${wrongTypes})`}`,
        },
  );
  if (groups.missing === undefined && wrongTypes !== "") {
    diagnostics.push({ level: "debug", message: wrongTypes });
  }
  return done({
    ...base,
    ...composed,
    source: groups.names.length > 0 ? "ecs-metadata" : "none",
    logGroupNames: groups.names,
    metadata: metadata.report,
  });
}
