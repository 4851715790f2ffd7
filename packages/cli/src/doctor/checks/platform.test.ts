import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeCwAgentConfig } from "@logtrace/testkit";
import { fakeImdsPerTest } from "@logtrace/testkit/per-test";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, tempDir } from "../../testing/app-trees.testutil.js";
import { cli, doctorJson, findingsOf } from "../../testing/run-cli.testutil.js";

afterAll(removeTempDirs);
const imds = fakeImdsPerTest();

async function check(env: Record<string, string | undefined>, extra: string[] = []) {
  const { report } = await doctorJson(["--cwd", tempDir("platform"), ...extra], env);
  return findingsOf(report, "platform");
}

describe("doctor check 10: platform and this process's log group", () => {
  it("none detected: does not apply", async () => {
    expect((await check({})).map((f) => f.status)).toEqual(["skip"]);
  });

  it("Lambda: the runtime's group", async () => {
    const [finding] = await check({
      AWS_LAMBDA_FUNCTION_NAME: "orders",
      AWS_LAMBDA_LOG_GROUP_NAME: "/aws/lambda/orders",
    });
    expect(finding?.message).toBe(
      "platform: Lambda; aws.log.group.names=/aws/lambda/orders from AWS_LAMBDA_LOG_GROUP_NAME",
    );
  });

  it("EC2: the group the agent ships the app's file to, and from where; `logtrace env` agrees", async () => {
    const root = tempDir("ec2");
    const server = await imds();
    const log = join(root, "var/log/app/app.log");
    mkdirSync(join(root, "var/log/app"), { recursive: true });
    writeFileSync(log, "");
    const config = writeCwAgentConfig(root, "agent.json", "app-per-instance");
    const env = { ...server.env, LOGTRACE_CWAGENT_CONFIG: config, LOGTRACE_LOG_FILES: log };
    const [finding] = await check(env);
    const group = `/ec2/${server.instance.instanceId}/app`;
    expect(finding?.status).toBe("ok");
    expect(finding?.message).toBe(
      `platform: EC2 with a CloudWatch agent config; aws.log.group.names=${group} from the CloudWatch agent config that ships this process's files`,
    );
    const json = JSON.parse((await cli(["env", "--json"], { env })).stdout);
    expect(json).toMatchObject({
      platform: "ec2",
      source: "ec2-agent-config",
      logGroupNames: [group],
    });
  });

  it("EKS: says what the agent overwrites; warns when both Container Insights paths are configured", async () => {
    const root = tempDir("eks");
    const collector = join(root, "collector.yaml");
    writeFileSync(
      collector,
      "receivers:\n  awscontainerinsightreceiver: {}\nexporters:\n  awsemf:\n    log_group_name: /aws/containerinsights/prod/performance\n",
    );
    const env = {
      KUBERNETES_SERVICE_HOST: "10.100.0.1",
      OTEL_RESOURCE_ATTRIBUTES: "aws.log.group.names=/aws/containerinsights/prod/application",
    };
    const findings = await check(env, ["--collector-config", collector]);
    expect(findings.map((f) => f.status)).toEqual(["ok", "ok", "warn"]);
    expect(findings[1]?.message).toMatch(
      /overwrites aws\.log\.group\.names with \/aws\/containerinsights\/<cluster>\/application/,
    );
    expect(findings[2]?.message).toMatch(/^both Container Insights paths are configured/);
    const plain = await check({ KUBERNETES_SERVICE_HOST: "10.100.0.1" });
    expect(plain.map((f) => f.status)).toEqual(["warn", "ok", "skip"]);
    expect(plain[0]?.message).toMatch(/^platform: EKS \(Kubernetes\); no log group/);
  });
});
