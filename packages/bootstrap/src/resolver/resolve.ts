import { compose, LOG_GROUP_ARNS, LOG_GROUP_NAMES } from "./compose.js";
import { containerLogGroups, LOG_GROUP_NAME } from "./container-log-groups.js";
import { type EcsFacts, ecsFacts, ecsResourceAttributes } from "./ecs-attributes.js";
import { readContainerMetadata, readTaskMetadata, type TaskMetadata } from "./ecs-metadata.js";
import { getJson } from "./get-json.js";
import {
  type ParsedResourceAttributes,
  parseOtelResourceAttributes,
} from "./otel-resource-attributes.js";
import { type Env, readSettings } from "./settings.js";
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
 * 1. already in OTEL_RESOURCE_ATTRIBUTES (names or ARNs): kept, nothing added;
 * 2. LOGTRACE_LOG_GROUP_NAMES (`&`-separated);
 * 3. ECS_CONTAINER_METADATA_URI_V4: this container's own log configuration (awslogs, FireLens
 *    to CloudWatch), plus the usual ECS resource attributes the user did not set;
 * 4. nothing: one line saying so.
 * Never throws; every problem becomes one diagnostic line.
 */
export async function resolveEcsResourceAttributes(
  options: ResolveOptions = {},
): Promise<Resolution> {
  const context = prepare(options);
  return resolveWithoutMetadata(context) ?? (await resolveFromMetadata(context));
}

/**
 * The same resolution when it needs no network (rules 1, 2 and 4), synchronously; undefined when
 * the ECS metadata must be read (rule 3). Lets a CommonJS preload skip the worker thread.
 */
export function resolveEcsResourceAttributesSync(
  options: ResolveOptions = {},
): Resolution | undefined {
  return resolveWithoutMetadata(prepare(options));
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
  userValue: string | undefined;
  user: ParsedResourceAttributes | undefined;
  diagnostics: Diagnostic[];
  base: Omit<Resolution, "source" | "logGroupNames" | "diagnostics" | "elapsedMs">;
  done(rest: Omit<Resolution, "elapsedMs" | "userAttributes" | "diagnostics">): Resolution;
}

function prepare(options: ResolveOptions): Context {
  const started = performance.now();
  const env = options.env ?? process.env;
  const settings = readSettings(env);
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

function resolveWithoutMetadata(context: Context): Resolution | undefined {
  const { user, userValue, diagnostics, base, done } = context;
  // 1. The user's own setting.
  const userEntry = user?.entries.findLast((entry) => entry.key === LOG_GROUP_NAMES);
  const userArns = user?.entries.findLast((entry) => entry.key === LOG_GROUP_ARNS);
  if (userEntry || userArns) {
    const names = userEntry ? userEntry.value.split("&").filter((name) => name !== "") : [];
    diagnostics.unshift({
      level: "info",
      message: `${userEntry ? LOG_GROUP_NAMES : LOG_GROUP_ARNS} set in OTEL_RESOURCE_ATTRIBUTES: kept as is`,
    });
    return done({
      ...base,
      source: "user",
      logGroupNames: names,
      logGroupArns: userArns ? userArns.value.split("&").filter((arn) => arn !== "") : [],
    });
  }

  // 2. LOGTRACE_LOG_GROUP_NAMES.
  if (context.logGroupNames !== undefined) {
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
    const composed = compose({
      userValue,
      user,
      logGroupNames: valid,
      location: undefined,
      extra: [],
    });
    diagnostics.push(...composed.diagnostics);
    diagnostics.unshift({
      level: valid.length > 0 ? "info" : "warn",
      message:
        valid.length > 0
          ? `${LOG_GROUP_NAMES}=${valid.join("&")} (from LOGTRACE_LOG_GROUP_NAMES)`
          : "LOGTRACE_LOG_GROUP_NAMES names no valid group: starting without aws.log.group.names",
    });
    return done({ ...base, ...composed, source: "env", logGroupNames: valid });
  }

  if (context.env.ECS_CONTAINER_METADATA_URI_V4?.trim()) return undefined;

  // 4. Nothing to go on.
  diagnostics.unshift({
    level: "info",
    message:
      "not on ECS (ECS_CONTAINER_METADATA_URI_V4 unset) and LOGTRACE_LOG_GROUP_NAMES unset: starting without aws.log.group.names",
  });
  return done({ ...base, source: "none", logGroupNames: [] });
}

async function resolveFromMetadata(context: Context): Promise<Resolution> {
  const { user, userValue, diagnostics, base, done, timeoutMs, env } = context;
  const started = performance.now();
  // 3. This container's metadata.
  const containerUrl = env.ECS_CONTAINER_METADATA_URI_V4?.trim() ?? "";
  const deadline = Date.now() + timeoutMs;
  const [containerResult, taskResult] = await Promise.all([
    getJson(containerUrl, { deadline, budgetMs: timeoutMs }),
    getJson(`${containerUrl.replace(/\/+$/u, "")}/task`, { deadline, budgetMs: timeoutMs }),
  ]);
  if (!containerResult.ok) {
    diagnostics.unshift({
      level: "warn",
      message: `ECS container metadata unreadable (${containerResult.message}, ${containerUrl}): starting without aws.log.group.names; set LOGTRACE_LOG_GROUP_NAMES to name the group`,
    });
    return done({ ...base, source: "none", logGroupNames: [] });
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
  const wrongTypes =
    container.wrongTypes.length > 0
      ? ` (ignored ECS metadata fields of an unexpected type: ${container.wrongTypes.join(", ")})`
      : "";
  const facts = ecsFacts(container.value, task);
  const groups = containerLogGroups(container.value, facts);
  const location =
    facts.location && groups.region ? { ...facts.location, region: groups.region } : facts.location;
  const composed = compose({
    userValue,
    user,
    logGroupNames: groups.names,
    location,
    extra: ecsResourceAttributes(facts),
  });
  diagnostics.push(...composed.diagnostics);
  const elapsed = Math.round(performance.now() - started);
  diagnostics.unshift(
    groups.missing === undefined
      ? {
          level: "info",
          message: `${LOG_GROUP_NAMES}=${groups.names.join("&")} (ECS metadata, log driver ${facts.logDriver}, ${elapsed} ms)`,
        }
      : {
          level: "warn",
          message: `no log group for this container: ${groups.missing}${wrongTypes}`,
        },
  );
  if (groups.missing === undefined && wrongTypes !== "") {
    diagnostics.push({ level: "debug", message: wrongTypes.trim().slice(1, -1) });
  }
  return done({
    ...base,
    ...composed,
    source: groups.names.length > 0 ? "ecs-metadata" : "none",
    logGroupNames: groups.names,
    metadata: { ...facts, containerUrl, taskResponse: taskResult.ok ? "ok" : "failed" },
  });
}
