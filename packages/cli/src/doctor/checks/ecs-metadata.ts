import { resolveAwsResourceAttributes } from "@logtrace/aws-resource";
import { logGroupNameOfArn } from "../log-groups.js";
import type { CheckDefinition, Finding } from "../types.js";

const sameGroups = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((name) => b.includes(name));

/** Check 5: what this container's ECS metadata says, compared with what is configured. */
export const ecsMetadataCheck: CheckDefinition = {
  id: "ecs-metadata",
  title: "ECS task metadata (this container's log groups)",
  async run(context) {
    const url = context.env.ECS_CONTAINER_METADATA_URI_V4?.trim();
    if (!url) {
      return [
        {
          status: "skip",
          message: "ECS_CONTAINER_METADATA_URI_V4 is not set: not running in an ECS task",
        },
      ];
    }
    // What is configured: the bootstrap's own rules 1 and 2 (the user's variable, LOGTRACE_LOG_GROUP_NAMES).
    const configured = await resolveAwsResourceAttributes({
      env: { ...context.env, ECS_CONTAINER_METADATA_URI_V4: undefined },
      timeoutMs: context.timeoutMs,
    });
    // What the metadata says, with the configuration set aside so the resolver reads it.
    const detected = await resolveAwsResourceAttributes({
      env: {
        ...context.env,
        OTEL_RESOURCE_ATTRIBUTES: undefined,
        LOGTRACE_LOG_GROUP_NAMES: undefined,
      },
      timeoutMs: context.timeoutMs,
    });
    const metadata = detected.metadata;
    const first = detected.diagnostics.find((d) => d.level !== "debug")?.message ?? "";
    if (metadata === undefined) {
      return [
        {
          status: "warn",
          message: first,
          fix: "run the doctor inside the task (the endpoint is per container), or check the task's network mode",
          data: { url, reachable: false, diagnostics: detected.diagnostics },
        },
      ];
    }
    const data = {
      url,
      reachable: true,
      container: metadata.containerName ?? null,
      logDriver: metadata.logDriver ?? null,
      taskArn: metadata.taskArn ?? null,
      logGroupNames: detected.logGroupNames,
      logGroupArns: detected.logGroupArns,
      configuredSource: configured.source,
      configuredLogGroupNames: configured.logGroupNames,
      configuredLogGroupArns: configured.logGroupArns,
    };
    const findings: Finding[] = [
      {
        status: "ok",
        message: `reachable: container ${metadata.containerName ?? "?"}, log driver ${metadata.logDriver ?? "none"}${metadata.family ? `, task ${metadata.family}:${metadata.revision ?? "?"}` : ""}`,
        data,
      },
    ];
    if (detected.logGroupNames.length === 0) {
      findings.push({
        status: "warn",
        message: first,
        fix: `name the group yourself: aws.log.group.names in OTEL_RESOURCE_ATTRIBUTES or LOGTRACE_LOG_GROUP_NAMES`,
        data,
      });
      return findings;
    }
    const found = detected.logGroupNames.join(", ");
    const configuredNames =
      configured.logGroupNames.length > 0
        ? configured.logGroupNames
        : configured.logGroupArns.map((arn) => logGroupNameOfArn(arn) ?? arn);
    if (configured.source === "none") {
      findings.push({
        status: "ok",
        message: `this container logs to ${found}; nothing is configured, so @logtrace/bootstrap and \`logtrace env\` would set aws.log.group.names=${detected.logGroupNames.join("&")}`,
        data,
      });
    } else if (sameGroups(configuredNames, detected.logGroupNames)) {
      findings.push({
        status: "ok",
        message: `configured groups match this container's: ${found}`,
        data,
      });
    } else {
      findings.push({
        status: "fail",
        message: `configured ${configuredNames.join(", ")} (${configured.source === "user" ? "OTEL_RESOURCE_ATTRIBUTES" : "LOGTRACE_LOG_GROUP_NAMES"}), but this container logs to ${found}: the console will search groups this container does not write to`,
        fix: `set aws.log.group.names=${detected.logGroupNames.join("&")} (or remove yours and let \`logtrace env\` / @logtrace/bootstrap set it)`,
        data,
      });
    }
    return findings;
  },
};
