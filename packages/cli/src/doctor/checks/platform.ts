import { readFileSync } from "node:fs";
import { resolveAwsResourceAttributes } from "@logtrace/aws-resource";
import type { CheckDefinition, Finding } from "../types.js";

const PLATFORM_NAMES = {
  ecs: "ECS",
  ec2: "EC2 with a CloudWatch agent config",
  lambda: "Lambda",
  none: "none detected",
} as const;

const SOURCES = {
  user: "your aws.log.group.names in OTEL_RESOURCE_ATTRIBUTES",
  env: "LOGTRACE_LOG_GROUP_NAMES",
  "ecs-metadata": "this container's log configuration in the ECS task metadata",
  lambda: "AWS_LAMBDA_LOG_GROUP_NAME",
  "ec2-agent-config": "the CloudWatch agent config that ships this process's files",
  none: "nothing",
} as const;

// Fluent Bit (Container Insights) writes application logs here; the OpenTelemetry Container
// Insights path writes under /aws/otel/containerinsights/.
const FLUENT_BIT_GROUP = /\/aws\/containerinsights\/[^/\s"']+\/application/u;
const OTEL_CI = /\/aws\/otel\/containerinsights\/|awscontainerinsightreceiver/u;

/** Check 10: where this process runs, which group @logtrace/bootstrap would set, and why. */
export const platformCheck: CheckDefinition = {
  id: "platform",
  title: "Platform and this process's log group",
  async run(context) {
    const resolution = await resolveAwsResourceAttributes({
      env: context.env,
      timeoutMs: context.timeoutMs,
    });
    const eks = Boolean(context.env.KUBERNETES_SERVICE_HOST?.trim());
    const platform =
      eks && resolution.platform === "none"
        ? "EKS (Kubernetes)"
        : PLATFORM_NAMES[resolution.platform];
    // Without the timing in it, so that two runs print the same report.
    const lead = (resolution.diagnostics[0]?.message ?? "").replace(/; \d+ ms\)/u, ")");
    const data = {
      platform: eks && resolution.platform === "none" ? "eks" : resolution.platform,
      source: resolution.source,
      logGroupNames: resolution.logGroupNames,
      logGroupArns: resolution.logGroupArns,
      ec2Agent: resolution.ec2Agent ?? null,
    };
    const findings: Finding[] = [];
    if (resolution.logGroupNames.length > 0) {
      findings.push({
        status: "ok",
        message: `platform: ${platform}; aws.log.group.names=${resolution.logGroupNames.join("&")} from ${SOURCES[resolution.source]}`,
        data,
      });
    } else {
      findings.push({
        status: resolution.platform === "none" && !eks ? "skip" : "warn",
        message: `platform: ${platform}; no log group: ${lead}`,
        ...(resolution.platform === "none" && !eks
          ? {}
          : {
              fix: "name the group: aws.log.group.names in OTEL_RESOURCE_ATTRIBUTES or LOGTRACE_LOG_GROUP_NAMES",
            }),
        data,
      });
    }
    if (eks) findings.push(...eksFindings(context.env, context.collectorConfig));
    return findings;
  },
};

/**
 * On EKS the preload guesses no cluster name. What a pod can see: OTEL_RESOURCE_ATTRIBUTES as the
 * add-on's injection sets it, and a collector config passed with --collector-config; not the
 * agent's or Fluent Bit's own configs, which live in other pods.
 */
function eksFindings(
  env: Readonly<Record<string, string | undefined>>,
  collectorConfig: string | null,
): Finding[] {
  const findings: Finding[] = [
    {
      status: "ok",
      message:
        "EKS: the CloudWatch agent of the Application Signals add-on overwrites aws.log.group.names with /aws/containerinsights/<cluster>/application, where Container Insights' Fluent Bit writes the pods' logs; @logtrace/bootstrap does not guess the cluster name (LOGTRACE_LOG_GROUP_NAMES for a custom set-up)",
    },
  ];
  let config = "";
  if (collectorConfig) {
    try {
      config = readFileSync(collectorConfig, "utf8");
    } catch {
      config = "";
    }
  }
  const fluentBit =
    FLUENT_BIT_GROUP.test(env.OTEL_RESOURCE_ATTRIBUTES ?? "") || FLUENT_BIT_GROUP.test(config);
  const otelPath = OTEL_CI.test(config) || OTEL_CI.test(env.OTEL_RESOURCE_ATTRIBUTES ?? "");
  if (fluentBit && otelPath) {
    findings.push({
      status: "warn",
      message:
        "both Container Insights paths are configured: Fluent Bit's /aws/containerinsights/<cluster>/application and the OpenTelemetry path's /aws/otel/containerinsights/<cluster>/…; aws.log.group.names names the first, so logs that only reach the second are not found from a trace",
      fix: "keep one path, or name the group the logs really reach in LOGTRACE_LOG_GROUP_NAMES",
      data: { collectorConfig },
    });
  } else if (!collectorConfig) {
    findings.push({
      status: "skip",
      message:
        "which Container Insights path ships the logs is not visible from inside the pod: pass the collector (agent) config with --collector-config to compare",
    });
  }
  return findings;
}
