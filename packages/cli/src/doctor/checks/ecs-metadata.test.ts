import { ECS_METADATA_FAULTS, type EcsFixtureName, ecsFixtures } from "@logtrace/testkit";
import { fakeEcsMetadataPerTest } from "@logtrace/testkit/per-test";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, tempDir } from "../../testing/app-trees.testutil.js";
import { doctorJson, findingsOf } from "../../testing/run-cli.testutil.js";

afterAll(removeTempDirs);

const metadata = fakeEcsMetadataPerTest();

async function check(env: Record<string, string | undefined>, timeoutMs = 1000) {
  const { report } = await doctorJson(
    ["--cwd", tempDir("ecs"), "--timeout", String(timeoutMs)],
    env,
  );
  return findingsOf(report, "ecs-metadata");
}

describe("doctor check 5: ECS task metadata", () => {
  it("does not apply outside ECS", async () => {
    expect((await check({})).map((f) => f.status)).toEqual(["skip"]);
  });

  // Every fixture the testkit has, with what a correct resolver finds for it.
  for (const [name, fixture] of Object.entries(ecsFixtures) as Array<
    [EcsFixtureName, (typeof ecsFixtures)[EcsFixtureName]]
  >) {
    it(`${name}: says what this container logs to when nothing is configured`, async () => {
      const server = await metadata({ fixture: name });
      const findings = await check(server.env);
      const expected = fixture.expected.logGroupNames;
      expect(findings[0]?.status).toBe("ok");
      expect(findings[0]?.data).toMatchObject({ reachable: true, logGroupNames: expected });
      if (expected.length > 0) {
        expect(findings.map((f) => f.status)).toEqual(["ok", "ok"]);
        expect(findings[1]?.message).toContain(
          `would set aws.log.group.names=${expected.join("&")}`,
        );
      } else {
        expect(findings.map((f) => f.status)).toEqual(["ok", "warn"]);
        expect(findings[1]?.message).toMatch(/no log group for this container/);
      }
    });
  }

  it("passes when the configured names are this container's groups", async () => {
    const server = await metadata({ fixture: "fargate-awslogs" });
    const names = ecsFixtures["fargate-awslogs"].expected.logGroupNames;
    const findings = await check({
      ...server.env,
      OTEL_RESOURCE_ATTRIBUTES: `service.name=app,aws.log.group.names=${names.join("&")}`,
    });
    expect(findings.map((f) => f.status)).toEqual(["ok", "ok"]);
    expect(findings[1]?.message).toContain("configured groups match");
  });

  it("passes when only ARNs are configured and they name this container's groups", async () => {
    const server = await metadata({ fixture: "fargate-awslogs" });
    const arns = ecsFixtures["fargate-awslogs"].expected.logGroupArns;
    const findings = await check({
      ...server.env,
      OTEL_RESOURCE_ATTRIBUTES: `aws.log.group.arns=${arns.join("&")}`,
    });
    expect(findings.map((f) => f.status)).toEqual(["ok", "ok"]);
  });

  it("fails when the configured group is not where this container logs (OTEL_RESOURCE_ATTRIBUTES or LOGTRACE_LOG_GROUP_NAMES)", async () => {
    const server = await metadata({ fixture: "fargate-awslogs" });
    const names = ecsFixtures["fargate-awslogs"].expected.logGroupNames;
    const viaOtel = await check({
      ...server.env,
      OTEL_RESOURCE_ATTRIBUTES:
        "aws.log.group.names=EcsNativeBlueGreenStack-FirelensConstructFirelensLogGroupD186C82F-Oieo4YPQifeI",
    });
    expect(viaOtel.map((f) => f.status)).toEqual(["ok", "fail"]);
    expect(viaOtel[1]?.message).toContain("(OTEL_RESOURCE_ATTRIBUTES), but this container logs to");
    expect(viaOtel[1]?.fix).toContain(`aws.log.group.names=${names.join("&")}`);

    const viaLogtrace = await check({ ...server.env, LOGTRACE_LOG_GROUP_NAMES: "somewhere-else" });
    expect(viaLogtrace[1]?.status).toBe("fail");
    expect(viaLogtrace[1]?.message).toContain("(LOGTRACE_LOG_GROUP_NAMES)");
  });

  it("never fails or hangs on a broken endpoint: one warning, within the timeout", async () => {
    for (const fault of ECS_METADATA_FAULTS) {
      const server = await metadata({ fault, slowByteMs: 5 });
      const started = performance.now();
      const findings = await check(server.env, 400);
      expect(performance.now() - started, fault).toBeLessThan(3000);
      expect(
        findings.some((f) => f.status === "fail"),
        fault,
      ).toBe(false);
      expect(findings.some((f) => f.status === "warn") || fault === "slow", fault).toBe(true);
      if (findings[0]?.data?.reachable === false)
        expect(findings[0]?.message, fault).toMatch(/metadata unreadable/);
    }
  });
});
