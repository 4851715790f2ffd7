import { networkInterfaces, hostname as osHostname } from "node:os";
import { agentGlobMatches } from "./agent-glob.js";
import { LOG_GROUP_NAME } from "./container-log-groups.js";
import {
  type CollectEntry,
  defaultGroupTemplate,
  findAgentConfigFiles,
  readAgentConfigs,
} from "./cwagent-config.js";
import type { Ec2Platform } from "./ec2-platform.js";
import { type ProcessLogFile, processLogFiles } from "./process-log-files.js";

/** What the CloudWatch agent's configs say about this process's files; no network involved. */
export interface Ec2AgentSetup {
  configFiles: string[];
  entries: CollectEntry[];
  agentRegion: string | undefined;
  processFiles: ProcessLogFile[];
  /** Each (entry, file) pair where the agent ships one of this process's files. */
  matches: Array<{ entry: CollectEntry; file: ProcessLogFile }>;
  /** Lines about the configs themselves (unreadable, malformed). */
  problems: string[];
}

/** Undefined when the host has no CloudWatch agent config (and LOGTRACE_CWAGENT_CONFIG is unset). */
export function readEc2AgentSetup(
  explicitConfig: string | undefined,
  logFiles: string[],
): Ec2AgentSetup | { problem: string } | undefined {
  const found = findAgentConfigFiles(explicitConfig);
  if (found === undefined) return undefined;
  if (found.problem !== undefined) return { problem: found.problem };
  const configs = readAgentConfigs(found.files);
  const processFiles = processLogFiles(logFiles);
  const matches = configs.entries.flatMap((entry) =>
    processFiles
      .filter((file) => agentGlobMatches(entry.filePath, file.path))
      .map((file) => ({ entry, file })),
  );
  return {
    configFiles: found.files,
    entries: configs.entries,
    agentRegion: configs.region,
    processFiles,
    matches,
    problems: configs.problems,
  };
}

/** A group name the agent would ship to, or why it cannot be known here. */
export type ExpandedGroup =
  | { ok: true; name: string; glob: string; file: string }
  | { ok: false; template: string; file: string; why: string };

const PLACEHOLDER =
  /\{(instance_id|hostname|local_hostname|ip_address|aws_region|account_id|date)\}/gu;

/**
 * The groups of the matched entries, placeholders filled as the agent fills them: instance id,
 * account and private IP from the identity document, `{hostname}` from the metadata (else this
 * host's name), `{local_hostname}` this host's name, `{aws_region}` the agent's `region` (else
 * the instance's). Where the agent would write `i-UNKNOWN` and the like we say we do not know;
 * `{date}` changes every day, so no group named at start-up would stay right.
 */
export function expandGroups(setup: Ec2AgentSetup, ec2: Ec2Platform | undefined): ExpandedGroup[] {
  const identity = ec2?.ok ? ec2.identity : undefined;
  const values: Record<string, string | undefined> = {
    instance_id: identity?.instanceId,
    hostname: (ec2?.ok ? ec2.hostname : undefined) ?? localHostname(),
    local_hostname: localHostname(),
    ip_address: identity?.privateIp ?? firstIpv4(),
    aws_region: setup.agentRegion ?? identity?.region,
    account_id: identity?.accountId,
    date: undefined,
  };
  return setup.matches.map(({ entry, file }): ExpandedGroup => {
    const template = entry.logGroupName ?? defaultGroupTemplate(entry, file.path);
    const missing: string[] = [];
    const name = template.replace(PLACEHOLDER, (whole, key: string) => {
      const value = values[key];
      if (value === undefined) missing.push(whole);
      return value ?? whole;
    });
    if (missing.length > 0) {
      return {
        ok: false,
        template,
        file: file.path,
        why: missing.includes("{date}")
          ? "{date} changes every day"
          : `${[...new Set(missing)].join(", ")} unknown`,
      };
    }
    if (!LOG_GROUP_NAME.test(name)) {
      return {
        ok: false,
        template,
        file: file.path,
        why: "not a valid CloudWatch Logs group name",
      };
    }
    return { ok: true, name, glob: entry.filePath, file: file.path };
  });
}

function localHostname(): string | undefined {
  try {
    return osHostname() || undefined;
  } catch {
    return undefined;
  }
}

/** The agent's fallback for `{ip_address}`: the first non-loopback IPv4 address. */
function firstIpv4(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === "IPv4" && !address.internal) return address.address;
    }
  }
  return undefined;
}
