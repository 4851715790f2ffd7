import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ecsFixtures, type FakeEcsMetadata, startFakeEcsMetadata } from "@logtrace/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The built bin, run as a user runs it: its own process, its hashbang, real streams.
const PACKAGE_DIR = join(import.meta.dirname, "..");
const BIN = join(PACKAGE_DIR, "dist", "bin.js");
const COLLECTOR = join(import.meta.dirname, "..", "src", "doctor", "checks", "collector-fixtures");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  command: string,
  args: string[],
  env: Record<string, string> = {},
  cwd = PACKAGE_DIR,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 30_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
const logtrace = (args: string[], env?: Record<string, string>) =>
  run(process.execPath, [BIN, ...args], env);

let server: FakeEcsMetadata;
beforeAll(async () => {
  expect(existsSync(BIN), "build first: pnpm run build").toBe(true);
  server = await startFakeEcsMetadata({ fixture: "fargate-awslogs" });
});
afterAll(() => server.close());

describe("the logtrace bin", () => {
  it("runs through its hashbang and prints help (exit 0)", async () => {
    const result = await run(BIN, ["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: logtrace <command>/);
    expect(result.stderr).toBe("");
  });

  it("exits 2 with usage on stderr and nothing on stdout when misused", async () => {
    for (const args of [
      [],
      ["frobnicate"],
      ["doctor", "--cwd", "/nonexistent/app"],
      ["query", "xyz"],
    ]) {
      const result = await logtrace(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout, args.join(" ")).toBe("");
      expect(result.stderr.length, args.join(" ")).toBeGreaterThan(0);
    }
  });

  it("doctor exits 1 on a ✗ and 0 without, its --json on stdout alone", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "logtrace-cli-e2e-"));
    const broken = await logtrace([
      "doctor",
      "--json",
      "--cwd",
      cwd,
      "--collector-config",
      join(COLLECTOR, "field-report.yaml"),
    ]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toBe("");
    expect(JSON.parse(broken.stdout).exitCode).toBe(1);
    const fine = await logtrace([
      "doctor",
      "--cwd",
      cwd,
      "--collector-config",
      join(COLLECTOR, "field-report-fixed.yaml"),
    ]);
    expect(fine.stdout).not.toMatch(/^ +✗ /m);
    expect(fine.stdout).toMatch(/ 0 ✗ /);
    expect(fine.code).toBe(0);
  });

  it('eval "$(logtrace env)" sets the variable a Node SDK then reads', async () => {
    const shell = await run(
      "sh",
      [
        "-c",
        `eval "$("${process.execPath}" "${BIN}" env)" && printf '%s' "$OTEL_RESOURCE_ATTRIBUTES"`,
      ],
      { ...server.env, OTEL_RESOURCE_ATTRIBUTES: "service.name=checkout" },
    );
    expect(shell.code).toBe(0);
    const json = await logtrace(["env", "--json"], {
      ...server.env,
      OTEL_RESOURCE_ATTRIBUTES: "service.name=checkout",
    });
    expect(shell.stdout).toBe(JSON.parse(json.stdout).otelResourceAttributes);
    expect(shell.stderr).toContain("logtrace env: aws.log.group.names=");

    // The real SDK, in a fresh process with that environment.
    const read = await run(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { resourceAttributesEnvDetector } from "@opentelemetry/resources";
         process.stdout.write(JSON.stringify(resourceAttributesEnvDetector.detect().attributes));`,
      ],
      { OTEL_RESOURCE_ATTRIBUTES: shell.stdout },
    );
    expect(JSON.parse(read.stdout)).toMatchObject({
      "service.name": "checkout",
      "aws.log.group.names": ecsFixtures["fargate-awslogs"].expected.logGroupNames.join("&"),
    });
  });

  it('eval "$(logtrace env)" is a no-op when nothing is found', async () => {
    const shell = await run("sh", [
      "-c",
      `eval "$("${process.execPath}" "${BIN}" env)"; echo "rc=$? value=\${OTEL_RESOURCE_ATTRIBUTES-unset}"`,
    ]);
    expect(shell.stdout.trim()).toBe("rc=0 value=unset");
  });
});
