import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * CloudWatch agent JSON configs as hosts have them. `{{root}}` stands for the test's temporary
 * directory (a fake `/`), replaced by `writeCwAgentConfig`.
 */
export const cwAgentFixtures = {
  /** The case: the app's files under /var/log/app go to a group per instance. */
  "app-per-instance": {
    agent: { metrics_collection_interval: 60, run_as_user: "cwagent" },
    logs: {
      logs_collected: {
        files: {
          collect_list: [
            {
              file_path: "{{root}}/var/log/messages",
              log_group_name: "/ec2/syslog",
              log_stream_name: "{instance_id}",
            },
            {
              file_path: "{{root}}/var/log/app/*.log",
              log_group_name: "/ec2/{instance_id}/app",
              log_stream_name: "{instance_id}-{hostname}",
              retention_in_days: 30,
            },
          ],
        },
      },
    },
  },
  /** Several entries ship the same file; `**` globs; a group without placeholders. */
  "several-groups": {
    agent: { region: "eu-west-1" },
    logs: {
      logs_collected: {
        files: {
          collect_list: [
            { file_path: "{{root}}/var/log/app/*.log", log_group_name: "/ec2/app" },
            { file_path: "{{root}}/var/log/**.log", log_group_name: "/ec2/all-{aws_region}" },
            {
              file_path: "{{root}}/var/log/app/{app,web}.log",
              log_group_name: "/ec2/{ip_address}",
            },
          ],
        },
      },
    },
  },
  /** No `log_group_name`: the agent derives it from the path. */
  "default-group": {
    logs: {
      logs_collected: {
        files: { collect_list: [{ file_path: "{{root}}/var/log/app/app.log" }] },
      },
    },
  },
  /** A group named by the day: cannot be named once at start-up. */
  "dated-group": {
    logs: {
      logs_collected: {
        files: {
          collect_list: [
            { file_path: "{{root}}/var/log/app/*.log", log_group_name: "/ec2/app-{date}" },
          ],
        },
      },
    },
  },
  /** Metrics only. */
  "metrics-only": {
    metrics: { metrics_collected: { mem: { measurement: ["mem_used_percent"] } } },
  },
};
export type CwAgentFixtureName = keyof typeof cwAgentFixtures;

/**
 * Writes a fixture (or raw text, e.g. malformed JSON) to `root/<path>`, creating directories;
 * returns the file's path.
 */
export function writeCwAgentConfig(
  root: string,
  path: string,
  config: CwAgentFixtureName | Record<string, unknown> | { raw: string },
): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  const text =
    typeof config === "string"
      ? JSON.stringify(cwAgentFixtures[config], null, 2)
      : "raw" in config && typeof config.raw === "string"
        ? config.raw
        : JSON.stringify(config, null, 2);
  writeFileSync(file, text.replaceAll("{{root}}", root));
  return file;
}
