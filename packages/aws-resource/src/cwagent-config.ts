import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { FieldReader, isJsonObject } from "./ecs-metadata.js";

/** The user's config, and the configs `amazon-cloudwatch-agent-ctl -a fetch-config` applied. */
export const CWAGENT_CONFIG_FILE =
  "/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json";
export const CWAGENT_CONFIG_DIR = "/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.d";

/** One `logs.logs_collected.files.collect_list[]` entry. */
export interface CollectEntry {
  filePath: string;
  /** Unset: the agent derives the group from the path (see `defaultGroupTemplate`). */
  logGroupName: string | undefined;
  publishMultiLogs: boolean;
  /** The config file it came from. */
  config: string;
}

export interface AgentConfigs {
  /** The config files read (or tried). */
  files: string[];
  entries: CollectEntry[];
  /** `agent.region`, which the agent puts in `{aws_region}` before the instance's own region. */
  region: string | undefined;
  /** One line per file that could not be used, or field of the wrong type. */
  problems: string[];
}

/**
 * The agent's config files, by stat only (no read, no network): undefined when there is none,
 * which is the case everywhere but on a host running the CloudWatch agent.
 * `explicit` (LOGTRACE_CWAGENT_CONFIG) is a file, or a directory read like `…/amazon-cloudwatch-agent.d`.
 */
export function findAgentConfigFiles(
  explicit: string | undefined,
): { files: string[]; problem?: string } | undefined {
  if (explicit !== undefined) {
    const kind = kindOf(explicit);
    if (kind === "file") return { files: [explicit] };
    if (kind === "dir") return { files: configsIn(explicit) };
    return {
      files: [],
      problem: `LOGTRACE_CWAGENT_CONFIG=${explicit}: no such file or directory`,
    };
  }
  const files = [
    ...(kindOf(CWAGENT_CONFIG_FILE) === "file" ? [CWAGENT_CONFIG_FILE] : []),
    ...(kindOf(CWAGENT_CONFIG_DIR) === "dir" ? configsIn(CWAGENT_CONFIG_DIR) : []),
  ];
  return files.length > 0 ? { files } : undefined;
}

function kindOf(path: string): "file" | "dir" | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? "file" : stat.isDirectory() ? "dir" : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The applied configs in a `.d` directory, as the agent's translator walks it: every file at any
 * depth (symlinks followed) except `*.tmp` (fetched, not yet validated) and YAML.
 */
function configsIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (name.endsWith(".tmp") || name.endsWith(".yaml")) return [];
    const kind = kindOf(path);
    return kind === "file" ? [path] : kind === "dir" ? configsIn(path) : [];
  });
}

/** Reads each config's file collection; a config that cannot be used is one line, the rest go on. */
export function readAgentConfigs(files: string[]): AgentConfigs {
  const result: AgentConfigs = { files, entries: [], region: undefined, problems: [] };
  const seen = new Set<string>();
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      result.problems.push(
        `CloudWatch agent config ${file} ${code ? `unreadable (${code})` : `is not JSON (${(error as Error).message})`}: skipped`,
      );
      continue;
    }
    if (!isJsonObject(json)) {
      result.problems.push(`CloudWatch agent config ${file} is not a JSON object: skipped`);
      continue;
    }
    const agent = json.agent;
    if (isJsonObject(agent) && typeof agent.region === "string" && agent.region !== "") {
      result.region ??= agent.region;
    }
    const wrong: string[] = [];
    for (const entry of collectList(json, wrong)) {
      const key = `${entry.filePath}\u0000${entry.logGroupName}\u0000${entry.publishMultiLogs}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.entries.push({ ...entry, config: file });
    }
    if (wrong.length > 0) {
      result.problems.push(
        `CloudWatch agent config ${file}: ignored fields of an unexpected type: ${wrong.join(", ")}`,
      );
    }
  }
  return result;
}

function collectList(json: Record<string, unknown>, wrong: string[]) {
  const logs = json.logs;
  const collected = isJsonObject(logs) ? logs.logs_collected : undefined;
  const files = isJsonObject(collected) ? collected.files : undefined;
  const list = isJsonObject(files) ? files.collect_list : undefined;
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    wrong.push("logs.logs_collected.files.collect_list");
    return [];
  }
  return list.flatMap((item, index) => {
    if (!isJsonObject(item)) {
      wrong.push(`collect_list[${index}]`);
      return [];
    }
    const read = new FieldReader(item);
    const filePath = read.string("file_path");
    const logGroupName = read.string("log_group_name");
    wrong.push(...read.wrongTypes.map((field) => `collect_list[${index}].${field}`));
    if (filePath === undefined) return [];
    return [
      {
        filePath,
        logGroupName,
        publishMultiLogs: item.publish_multi_logs === true,
      },
    ];
  });
}

/**
 * The group when `log_group_name` is absent, as the agent derives it: the path without its last
 * extension (of the pattern, `/var/log/app/*.log` → `/var/log/app/*`, not a valid name); with
 * `publish_multi_logs`, the matched file's own path, other characters than `[.-_/#A-Za-z0-9]`
 * replaced by `_`.
 */
export function defaultGroupTemplate(entry: CollectEntry, file: string): string {
  if (entry.publishMultiLogs) return file.replace(/[^.\-_/#A-Za-z0-9]/gu, "_");
  const base = entry.filePath.slice(entry.filePath.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot === -1
    ? entry.filePath
    : entry.filePath.slice(0, entry.filePath.length - (base.length - dot));
}
