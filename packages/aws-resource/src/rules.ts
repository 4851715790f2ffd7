import { LOG_GROUP_ARNS, LOG_GROUP_NAMES } from "./compose.js";
import type { ContainerLogGroups } from "./container-log-groups.js";
import { LOG_GROUP_NAME } from "./container-log-groups.js";
import { type Ec2AgentSetup, expandGroups } from "./ec2-agent.js";
import type { Ec2Platform } from "./ec2-platform.js";
import { MESSAGES } from "./messages.js";
import type { ParsedResourceAttributes } from "./otel-resource-attributes.js";
import type { Diagnostic } from "./types.js";

export type ResolutionSource =
  | "user"
  | "env"
  | "ecs-metadata"
  | "lambda"
  | "ec2-agent-config"
  | "none";

/** What one rule decided, and the lines that say so, most important first. */
export interface Decision {
  source: ResolutionSource;
  names: string[];
  /** The user's own `aws.log.group.arns` (rule 1): kept, never derived. */
  userArns?: string[];
  /** What was decided (the first line of the resolution). */
  lead: Diagnostic;
  /** Further lines about the rule's own input. */
  notes: Diagnostic[];
}

const splitGroups = (value: string) => value.split("&").filter((item) => item !== "");

/** Rule 1: `aws.log.group.names` or `aws.log.group.arns` already in OTEL_RESOURCE_ATTRIBUTES. */
export function userRule(user: ParsedResourceAttributes | undefined): Decision | undefined {
  const names = user?.entries.findLast((entry) => entry.key === LOG_GROUP_NAMES);
  const arns = user?.entries.findLast((entry) => entry.key === LOG_GROUP_ARNS);
  if (!names && !arns) return undefined;
  return {
    source: "user",
    names: names ? splitGroups(names.value) : [],
    ...(arns ? { userArns: splitGroups(arns.value) } : {}),
    lead: MESSAGES.userKept(names ? LOG_GROUP_NAMES : LOG_GROUP_ARNS),
    notes: [],
  };
}

/** Rule 2: LOGTRACE_LOG_GROUP_NAMES (`&`-separated), invalid names dropped. */
export function envRule(logGroupNames: string | undefined): Decision | undefined {
  if (logGroupNames === undefined) return undefined;
  const given = logGroupNames
    .split("&")
    .map((name) => name.trim())
    .filter(Boolean);
  const valid = given.filter((name) => LOG_GROUP_NAME.test(name));
  const invalid = given.filter((name) => !LOG_GROUP_NAME.test(name));
  return {
    source: "env",
    names: valid,
    lead: valid.length > 0 ? MESSAGES.fromEnv(valid) : MESSAGES.envNamesNone(),
    notes: invalid.length > 0 ? [MESSAGES.envNamesInvalid(invalid)] : [],
  };
}

/** Rule 3: this container's own log configuration, as the ECS metadata gives it. */
export function ecsRule(
  groups: ContainerLogGroups,
  read: { logDriver: string | undefined; elapsedMs: number; wrongTypes: string },
): Decision {
  if (groups.missing !== undefined) {
    return {
      source: "none",
      names: [],
      lead: MESSAGES.ecsNoGroup(groups.missing, read.wrongTypes),
      notes: [],
    };
  }
  return {
    source: groups.names.length > 0 ? "ecs-metadata" : "none",
    names: groups.names,
    lead: MESSAGES.fromEcs(groups.names, read.logDriver, read.elapsedMs),
    notes: read.wrongTypes === "" ? [] : [MESSAGES.debug(read.wrongTypes)],
  };
}

/** Rule 3 on Lambda: the group the runtime names, no call at all. */
export function lambdaRule(logGroupName: string | undefined): Decision {
  const name = logGroupName?.trim();
  if (!name || !LOG_GROUP_NAME.test(name)) return noGroup(MESSAGES.lambdaNoGroup());
  return { source: "lambda", names: [name], lead: MESSAGES.fromLambda([name]), notes: [] };
}

/**
 * Rule 3 on EC2: the groups the CloudWatch agent ships this process's files to, placeholders
 * filled from the instance metadata (`imds` failed: only names that need none of it).
 */
export function ec2Rule(setup: Ec2AgentSetup, imds: Ec2Platform): Decision {
  if (setup.matches.length === 0) {
    const lead = MESSAGES.ec2NoMatch(
      setup.processFiles,
      setup.entries.map((entry) => entry.filePath),
    );
    return { ...noGroup(lead), notes: imds.ok ? [] : [MESSAGES.ec2MetadataNote(imds.reason)] };
  }
  const expanded = expandGroups(setup, imds.ok ? imds : undefined);
  const groups = expanded.flatMap((group) => (group.ok ? [group] : []));
  const skipped = expanded.flatMap((group) => (group.ok ? [] : [group]));
  const names = [...new Set(groups.map((group) => group.name))];
  const elapsedMs = imds.ok ? imds.elapsedMs : 0;
  if (!imds.ok) {
    const unreadable = MESSAGES.ec2Unreadable(imds.reason, skipped, names.length > 0);
    if (names.length === 0) return noGroup(unreadable);
    return {
      source: "ec2-agent-config",
      names,
      lead: MESSAGES.fromEc2(groups, elapsedMs),
      notes: [unreadable],
    };
  }
  if (names.length === 0) return noGroup(MESSAGES.ec2NoGroup(skipped, imds.wrongTypes));
  return {
    source: "ec2-agent-config",
    names,
    lead: MESSAGES.fromEc2(groups, elapsedMs),
    notes: [
      ...(skipped.length > 0 ? [MESSAGES.ec2Skipped(skipped)] : []),
      ...(imds.wrongTypes === "" ? [] : [MESSAGES.debug(imds.wrongTypes)]),
    ],
  };
}

/** When no rule names a group: what was missing, said once. */
export function noGroup(lead: Diagnostic): Decision {
  return { source: "none", names: [], lead, notes: [] };
}
