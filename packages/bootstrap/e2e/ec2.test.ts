import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type FakeImds,
  IMDS_FAULTS,
  type OtlpReceiver,
  startFakeImds,
  startOtlpReceiver,
  writeCwAgentConfig,
} from "@logtrace/testkit";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { APPS_DIR, cleanEnv } from "./harness.js";

let root: string;
let imds: FakeImds | undefined;
let otlp: OtlpReceiver | undefined;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "logtrace-ec2-e2e-"));
  mkdirSync(join(root, "var/log/app"), { recursive: true });
});
afterEach(async () => {
  await Promise.all([imds?.close(), otlp?.close()]);
  imds = undefined;
  otlp = undefined;
  rmSync(root, { recursive: true, force: true });
});

interface Ran {
  code: number | null;
  ms: number;
  lines: Array<Record<string, unknown>>;
  stderr: string[];
}

/**
 * `node <preload> ec2-app.cjs >> <root>/var/log/app/app.log` through a real shell, so that the
 * app's fd 1 is a regular file, as on an instance.
 */
async function runRedirected(
  preload: string,
  env: Record<string, string | undefined>,
): Promise<Ran> {
  const log = join(root, "var/log/app/app.log");
  const started = performance.now();
  const child = spawn(
    "/bin/sh",
    ["-c", `exec "${process.execPath}" ${preload} ./ec2-app.cjs >> "${log}"`],
    { cwd: APPS_DIR, env: cleanEnv(env), stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const kill = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const [code] = await once(child, "exit");
  clearTimeout(kill);
  const lines = readFileSync(log, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    code: code as number | null,
    ms: performance.now() - started,
    lines,
    stderr: stderr.split("\n").filter(Boolean),
  };
}

const USER = "service.name=ec2-app";

describe.each([
  ["--import", "--import @logtrace/bootstrap", true],
  [
    "--require with LOGTRACE_AGENT (waits in a worker thread)",
    "--require @logtrace/bootstrap",
    true,
  ],
  ["--require starting our SDK (resource completed later)", "--require @logtrace/bootstrap", false],
] as const)("on EC2, node %s app.js >> /var/log/app/app.log", (_name, preload, beforeFirstLine) => {
  it("the app gets /ec2/<instance id>/app and its ARN; the exported spans carry them", async () => {
    imds = await startFakeImds();
    otlp = await startOtlpReceiver();
    const config = writeCwAgentConfig(root, "etc/amazon-cloudwatch-agent.json", "app-per-instance");
    const agent = _name.includes("LOGTRACE_AGENT");
    const run = await runRedirected(preload, {
      ...imds.env,
      ...otlp.env,
      LOGTRACE_CWAGENT_CONFIG: config,
      OTEL_RESOURCE_ATTRIBUTES: USER,
      OTEL_BSP_SCHEDULE_DELAY: "50",
      LOGTRACE_AGENT: agent ? "./noop-agent.cjs" : undefined,
    });
    const group = `/ec2/${imds.instance.instanceId}/app`;
    const arn = `arn:aws:logs:us-east-1:123456789012:log-group:${group}`;
    expect(run.code, run.stderr.join("\n")).toBe(0);
    const expected = `${USER},aws.log.group.names=${group},aws.log.group.arns=${arn},cloud.provider=aws,cloud.platform=aws_ec2,`;
    if (beforeFirstLine) {
      expect(String(run.lines[0]?.first)).toMatch(new RegExp(`^${expected}`));
      expect(String(run.lines.at(-1)?.after)).toMatch(new RegExp(`^${expected}`));
    } else {
      // The documented window of --require: the variable is updated when the answer lands.
      expect(run.lines[0]?.first).toBe(USER);
    }
    expect(run.stderr).toEqual([
      expect.stringMatching(/^\[logtrace\] aws\.log\.group\.names=\/ec2\/i-/),
    ]);
    if (!agent) {
      const [span] = await otlp.waitForSpans(1);
      expect(span?.resource).toMatchObject({
        "service.name": "ec2-app",
        "aws.log.group.names": group,
        "aws.log.group.arns": arn,
        "cloud.platform": "aws_ec2",
        "host.id": imds.instance.instanceId,
      });
      const logLine = run.lines.find((line) => line.msg === "handling");
      expect(otlp.spans().map((s) => s.traceId)).toContain(logLine?.trace_id);
    }
    expect(imds.requests()[0]).toBe("PUT /latest/api/token");
  });
});

describe("on Lambda", () => {
  it("names the runtime's group before the first line, touching no network", async () => {
    imds = await startFakeImds();
    const config = writeCwAgentConfig(root, "etc/amazon-cloudwatch-agent.json", "app-per-instance");
    const run = await runRedirected("--import @logtrace/bootstrap", {
      ...imds.env,
      LOGTRACE_CWAGENT_CONFIG: config,
      AWS_LAMBDA_FUNCTION_NAME: "orders",
      AWS_LAMBDA_LOG_GROUP_NAME: "/aws/lambda/orders",
      AWS_REGION: "eu-west-1",
      OTEL_RESOURCE_ATTRIBUTES: USER,
      OTEL_SDK_DISABLED: "true",
    });
    expect(run.code).toBe(0);
    expect(String(run.lines[0]?.first)).toMatch(
      /^service\.name=ec2-app,aws\.log\.group\.names=\/aws\/lambda\/orders,cloud\.provider=aws,cloud\.platform=aws_lambda,/,
    );
    expect(imds.requests()).toEqual([]);
  });
});

describe("faults of the instance metadata service (--import, LOGTRACE_METADATA_TIMEOUT_MS=500)", () => {
  const TIMEOUT_MS = 500;
  const table: string[] = [];
  afterAll(() => {
    if (process.env.LOGTRACE_PRINT_FAULT_TABLE) console.log(table.join("\n"));
  });
  it.each(IMDS_FAULTS)(
    "%s: the app starts within timeout + 100 ms, one warning, its attributes kept, exit 0",
    async (fault) => {
      imds = await startFakeImds({ fault });
      const config = writeCwAgentConfig(
        root,
        "etc/amazon-cloudwatch-agent.json",
        "app-per-instance",
      );
      const run = await runRedirected("--require ./mark-start.cjs --import @logtrace/bootstrap", {
        ...imds.env,
        LOGTRACE_CWAGENT_CONFIG: config,
        OTEL_RESOURCE_ATTRIBUTES: USER,
        OTEL_SDK_DISABLED: "true",
        LOGTRACE_METADATA_TIMEOUT_MS: String(TIMEOUT_MS),
      });
      expect(run.code).toBe(0);
      const preloadMs = Number(run.lines[0]?.preloadMs);
      expect(preloadMs).toBeLessThan(TIMEOUT_MS + 100);
      const warnings = run.stderr.filter((line) => line.startsWith("[logtrace] warning:"));
      expect(warnings).toHaveLength(1);
      expect(String(run.lines[0]?.first).startsWith(USER)).toBe(true);
      expect(run.lines[0]?.first).not.toMatch(/aws\.log\.group/);
      table.push(
        `| ${fault} | ${Math.round(preloadMs)} ms | ${warnings[0]?.replace(root, "<tmp>")} | exit ${run.code}, first line written |`,
      );
    },
  );
});
