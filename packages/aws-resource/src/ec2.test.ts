import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IMDS_FAULTS, sdkReads, writeCwAgentConfig } from "@logtrace/testkit";
import { fakeImdsPerTest } from "@logtrace/testkit/per-test";
import { resourceAttributesEnvDetector } from "@opentelemetry/resources";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Resolution,
  resolveAwsResourceAttributes,
  resolveAwsResourceAttributesSync,
} from "./resolve.js";

const imds = fakeImdsPerTest();
const sdkSees = (value: string | undefined) => sdkReads(resourceAttributesEnvDetector, value ?? "");
const warnings = (resolution: Resolution | undefined) =>
  (resolution?.diagnostics ?? []).filter((d) => d.level === "warn").map((d) => d.message);

let root: string;
let appLog: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "logtrace-ec2-"));
  appLog = join(root, "var/log/app/app.log");
  mkdirSync(join(root, "var/log/app"), { recursive: true });
  writeFileSync(appLog, "");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** An EC2 host whose agent config is `fixture`, this process writing `appLog`. */
async function onEc2(
  fixture: Parameters<typeof writeCwAgentConfig>[2],
  extra: Record<string, string> = {},
) {
  const server = await imds(extra.fault ? { fault: extra.fault as never } : {});
  const config = writeCwAgentConfig(root, "etc/amazon-cloudwatch-agent.json", fixture);
  return {
    server,
    env: {
      ...server.env,
      LOGTRACE_CWAGENT_CONFIG: config,
      LOGTRACE_LOG_FILES: appLog,
      OTEL_RESOURCE_ATTRIBUTES: "service.name=api",
      ...extra,
    },
  };
}

describe("EC2 with a CloudWatch agent config", () => {
  it("names the group the agent ships this process's file to, with its ARN and the EC2 attributes", async () => {
    const { server, env } = await onEc2("app-per-instance");
    const resolution = await resolveAwsResourceAttributes({ env });
    const id = server.instance.instanceId;
    expect(resolution.source).toBe("ec2-agent-config");
    expect(resolution.platform).toBe("ec2");
    expect(resolution.logGroupNames).toEqual([`/ec2/${id}/app`]);
    const sdk = sdkSees(resolution.otelResourceAttributes);
    expect(sdk).toMatchObject({
      "service.name": "api",
      "aws.log.group.names": `/ec2/${id}/app`,
      "aws.log.group.arns": `arn:aws:logs:us-east-1:123456789012:log-group:/ec2/${id}/app`,
      "cloud.provider": "aws",
      "cloud.platform": "aws_ec2",
      "cloud.region": "us-east-1",
      "cloud.account.id": "123456789012",
      "cloud.availability_zone": "us-east-1a",
      "host.id": id,
      "host.type": "m7g.large",
      "host.name": "ip-10-0-1-23.ec2.internal",
    });
    expect(resolution.diagnostics).toEqual([
      {
        level: "info",
        message: expect.stringMatching(
          /^aws\.log\.group\.names=\/ec2\/i-.*\/app \(CloudWatch agent config: .*app\.log matches .*\*\.log; \d+ ms\)$/,
        ),
      },
    ]);
    // IMDSv2: the token first, every GET with it (none refused with 401).
    const requests = server.requests();
    expect(requests[0]).toBe("PUT /latest/api/token");
    expect(requests.slice(1).sort()).toEqual([
      "GET /latest/dynamic/instance-identity/document",
      "GET /latest/meta-data/hostname",
    ]);
    expect(resolution.ec2Agent?.matches).toEqual([
      { filePath: join(root, "var/log/app/*.log"), file: appLog },
    ]);
  });

  it("builds ARNs in the region's partition (aws-cn)", async () => {
    const server = await imds({ instance: "cn-north-1" });
    const config = writeCwAgentConfig(root, "agent.json", "app-per-instance");
    const resolution = await resolveAwsResourceAttributes({
      env: { ...server.env, LOGTRACE_CWAGENT_CONFIG: config, LOGTRACE_LOG_FILES: appLog },
    });
    expect(resolution.logGroupArns).toEqual([
      `arn:aws-cn:logs:cn-north-1:210987654321:log-group:/ec2/${server.instance.instanceId}/app`,
    ]);
  });

  it("takes every entry that ships the file, placeholders filled as the agent fills them", async () => {
    const { env } = await onEc2("several-groups");
    const resolution = await resolveAwsResourceAttributes({ env });
    // {aws_region}: the agent's own region setting first; {ip_address}: the instance's private IP.
    expect(resolution.logGroupNames).toEqual(["/ec2/app", "/ec2/all-eu-west-1", "/ec2/10.0.1.23"]);
    expect(sdkSees(resolution.otelResourceAttributes)["aws.log.group.names"]).toBe(
      "/ec2/app&/ec2/all-eu-west-1&/ec2/10.0.1.23",
    );
  });

  it("derives the group as the agent does when log_group_name is absent", async () => {
    const { env } = await onEc2("default-group");
    const resolution = await resolveAwsResourceAttributes({ env });
    expect(resolution.logGroupNames).toEqual([join(root, "var/log/app/app")]);
  });

  it("skips a group named by {date}, saying so", async () => {
    const { env } = await onEc2("dated-group");
    const resolution = await resolveAwsResourceAttributes({ env });
    expect(resolution.source).toBe("none");
    expect(warnings(resolution)).toEqual([
      expect.stringMatching(
        /^no log group for this process: "\/ec2\/app-\{date\}".*\{date\} changes every day/,
      ),
    ]);
  });

  it("no match: one line naming the files the process writes and the agent's globs", async () => {
    const { env } = await onEc2("app-per-instance", {
      LOGTRACE_LOG_FILES: join(root, "srv/other.txt"),
    });
    const resolution = await resolveAwsResourceAttributes({ env });
    expect(resolution.source).toBe("none");
    expect(warnings(resolution)).toHaveLength(1);
    expect(warnings(resolution)[0]).toContain(
      `${join(root, "srv/other.txt")} (LOGTRACE_LOG_FILES)`,
    );
    expect(warnings(resolution)[0]).toContain(join(root, "var/log/app/*.log"));
    // The instance attributes are still added.
    expect(resolution.attributes["cloud.platform"]).toBe("aws_ec2");
  });

  it("keeps the user's group; adds its ARN and the EC2 attributes", async () => {
    const { env } = await onEc2("app-per-instance", {
      OTEL_RESOURCE_ATTRIBUTES: "service.name=api,aws.log.group.names=/mine",
    });
    const resolution = await resolveAwsResourceAttributes({ env });
    expect(resolution.source).toBe("user");
    expect(resolution.attributes["aws.log.group.arns"]).toBe(
      "arn:aws:logs:us-east-1:123456789012:log-group:/mine",
    );
    expect(resolution.diagnostics[0]?.message).toMatch(
      /kept as is; EC2 attributes from the metadata/,
    );
  });

  it("the synchronous resolution leaves EC2 to the asynchronous one (the metadata must be read)", async () => {
    const { env, server } = await onEc2("app-per-instance");
    expect(resolveAwsResourceAttributesSync({ env })).toBeUndefined();
    // AWS_EC2_METADATA_DISABLED, as the SDKs honour it: no request, names without placeholders only.
    const disabled = resolveAwsResourceAttributesSync({
      env: { ...env, AWS_EC2_METADATA_DISABLED: "true" },
    });
    expect(disabled?.source).toBe("none");
    expect(warnings(disabled)).toEqual([
      expect.stringMatching(
        /^EC2 instance metadata unreadable \(AWS_EC2_METADATA_DISABLED is set\): skipped "\/ec2\/\{instance_id\}\/app".*\{instance_id\} unknown/,
      ),
    ]);
    expect(server.requests()).toEqual([]);
  });
});

describe("reading the agent's configs", () => {
  it("reads a .d directory as the agent does: every file but *.tmp and YAML, at any depth", async () => {
    const server = await imds();
    const dir = join(root, "amazon-cloudwatch-agent.d");
    writeCwAgentConfig(
      root,
      "amazon-cloudwatch-agent.d/file_amazon-cloudwatch-agent.json",
      "app-per-instance",
    );
    writeCwAgentConfig(
      root,
      "amazon-cloudwatch-agent.d/ssm_AmazonCloudWatch-linux",
      "several-groups",
    );
    writeCwAgentConfig(root, "amazon-cloudwatch-agent.d/file_pending.json.tmp", {
      raw: "{ pending",
    });
    writeCwAgentConfig(root, "amazon-cloudwatch-agent.d/otel.yaml", { raw: "receivers: {}" });
    writeCwAgentConfig(root, "amazon-cloudwatch-agent.d/nested/default", "metrics-only");
    symlinkSync(join(dir, "ssm_AmazonCloudWatch-linux"), join(dir, "link"));
    const resolution = await resolveAwsResourceAttributes({
      env: { ...server.env, LOGTRACE_CWAGENT_CONFIG: dir, LOGTRACE_LOG_FILES: appLog },
    });
    expect(resolution.ec2Agent?.configFiles.map((f) => f.slice(dir.length + 1))).toEqual([
      "file_amazon-cloudwatch-agent.json",
      "link",
      "nested/default",
      "ssm_AmazonCloudWatch-linux",
    ]);
    expect(resolution.logGroupNames).toEqual([
      `/ec2/${server.instance.instanceId}/app`,
      "/ec2/app",
      "/ec2/all-eu-west-1",
      "/ec2/10.0.1.23",
    ]);
    expect(warnings(resolution)).toEqual([]);
  });

  it("LOGTRACE_CWAGENT_CONFIG naming nothing: one line, no metadata call", async () => {
    const server = await imds();
    const resolution = await resolveAwsResourceAttributes({
      env: { ...server.env, LOGTRACE_CWAGENT_CONFIG: join(root, "missing.json") },
    });
    expect(resolution.platform).toBe("none");
    expect(warnings(resolution)).toEqual([
      `LOGTRACE_CWAGENT_CONFIG=${join(root, "missing.json")}: no such file or directory`,
    ]);
    expect(server.requests()).toEqual([]);
  });

  it("malformed JSON: one line naming the file; the other configs still count", async () => {
    const { env } = await onEc2("app-per-instance");
    const dir = join(root, "amazon-cloudwatch-agent.d");
    writeCwAgentConfig(root, "amazon-cloudwatch-agent.d/bad", { raw: '{"logs": {' });
    writeCwAgentConfig(root, "amazon-cloudwatch-agent.d/good", "app-per-instance");
    const resolution = await resolveAwsResourceAttributes({
      env: { ...env, LOGTRACE_CWAGENT_CONFIG: dir },
    });
    expect(warnings(resolution)).toEqual([
      expect.stringMatching(/^CloudWatch agent config .*\.d\/bad is not JSON \(.*\): skipped$/),
    ]);
    expect(resolution.source).toBe("ec2-agent-config");
  });

  it.skipIf(process.getuid?.() === 0)("an unreadable config: one line", async () => {
    const { env } = await onEc2("app-per-instance");
    const file = writeCwAgentConfig(root, "locked.json", "app-per-instance");
    const { chmodSync } = await import("node:fs");
    chmodSync(file, 0);
    const resolution = await resolveAwsResourceAttributes({
      env: { ...env, LOGTRACE_CWAGENT_CONFIG: file },
    });
    expect(warnings(resolution)[0]).toMatch(/unreadable \(EACCES\): skipped/);
  });
});

describe("faults of the instance metadata service", () => {
  const timeoutMs = 300;
  const table: string[] = [];
  afterAll(() => {
    if (process.env.LOGTRACE_PRINT_FAULT_TABLE) console.log(table.join("\n"));
  });
  const reasons: Record<(typeof IMDS_FAULTS)[number], RegExp> = {
    refused: /token: connection refused/,
    "status-500": /token: HTTP 500/,
    html: /token: the answer is not a token \(text\/html\)/,
    "invalid-json": /instance identity document: body is not JSON/,
    "wrong-types":
      /\{instance_id\} unknown \(ignored instance identity fields of an unexpected type: instanceId \(number\)/,
    "giant-body": /token: body exceeds 4096 bytes/,
    "never-answers": /token: no complete answer within 300 ms/,
    slow: /no complete answer within 300 ms/,
  };
  it.each(IMDS_FAULTS)(
    "%s: bounded, one line with the reason, user attributes kept",
    async (fault) => {
      const { env } = await onEc2("app-per-instance", {
        fault,
        LOGTRACE_METADATA_TIMEOUT_MS: String(timeoutMs),
      });
      const started = performance.now();
      const resolution = await resolveAwsResourceAttributes({ env });
      const took = performance.now() - started;
      expect(took).toBeLessThan(timeoutMs + 100);
      expect(resolution.source).toBe("none");
      expect(resolution.logGroupNames).toEqual([]);
      const lines = warnings(resolution);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(reasons[fault]);
      expect(
        sdkSees(resolution.otelResourceAttributes ?? env.OTEL_RESOURCE_ATTRIBUTES)["service.name"],
      ).toBe("api");
      table.push(`| ${fault} | ${Math.round(took)} ms | ${lines[0]} |`);
    },
  );
});

describe("the fake IMDSv2", () => {
  it("requires the token: GET without one is 401, PUT without a TTL is 400", async () => {
    const server = await imds();
    const get = await fetch(`${server.url}/latest/meta-data/instance-id`);
    expect(get.status).toBe(401);
    const put = await fetch(`${server.url}/latest/api/token`, { method: "PUT" });
    expect(put.status).toBe(400);
    const token = await (
      await fetch(`${server.url}/latest/api/token`, {
        method: "PUT",
        headers: { "x-aws-ec2-metadata-token-ttl-seconds": "60" },
      })
    ).text();
    const id = await fetch(`${server.url}/latest/meta-data/instance-id`, {
      headers: { "x-aws-ec2-metadata-token": token },
    });
    expect(await id.text()).toBe(server.instance.instanceId);
  });
});
