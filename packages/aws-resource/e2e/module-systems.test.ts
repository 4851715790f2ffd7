import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ecsFixtures } from "@logtrace/testkit";
import { fakeEcsMetadataPerTest } from "@logtrace/testkit/per-test";
import { describe, expect, it } from "vitest";

const APPS_DIR = join(dirname(fileURLToPath(import.meta.url)), "apps");
const metadata = fakeEcsMetadataPerTest();

// Not spawnSync: the fake endpoint answers from this process's event loop.
function runClient(app: string, env: Record<string, string>) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(APPS_DIR, app)], {
      cwd: APPS_DIR,
      env: { PATH: process.env.PATH, ...env },
      timeout: 20_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("@logtrace/aws-resource from each module system", () => {
  it.each(["resolver-client.cjs", "resolver-client.mjs"])(
    "%s reads this container's log group from the metadata endpoint",
    async (app) => {
      const server = await metadata({ fixture: "fargate-awslogs" });
      const run = await runClient(app, server.env);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const resolution = JSON.parse(run.stdout);
      expect(resolution.source).toBe("ecs-metadata");
      expect(resolution.logGroupNames).toEqual(
        ecsFixtures["fargate-awslogs"].expected.logGroupNames,
      );
    },
  );
});
