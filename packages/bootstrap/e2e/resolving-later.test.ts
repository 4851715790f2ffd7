import { ecsFixtures, startFakeEcsMetadata } from "@logtrace/testkit";
import { describe, expect, it } from "vitest";
import { ecsTestbed, logtraceLines, resolutionLanded, startApp } from "./harness.js";

// With --require the app is not held up while the ECS metadata is read; with --import it is (the
// environment is final before the app's first line). These runs make the endpoint answer late,
// so that a --require app serves requests, ends spans and forks a child before the answer lands.
const GROUP = ecsFixtures["fargate-awslogs"].expected.logGroupNames.join("&");
const USER = "service.name=late,team=a";
// Long enough for a loaded machine to start the app, fork a child and serve it before it.
const ANSWER_DELAY_MS = 1500;
const bed = ecsTestbed("fargate-awslogs");

describe.each([
  ["--require", "cjs-app.cjs"],
  ["--require", "esm-app.mjs"],
])("%s %s, metadata answering late", (flag, entry) => {
  it("spans ended before the answer are exported with this container's group; the environment is updated when it lands", async () => {
    const late = await startFakeEcsMetadata({
      fixture: "fargate-awslogs",
      delayMs: ANSWER_DELAY_MS,
    });
    try {
      bed.app = await startApp({
        app: entry,
        preload: ["--require", "./mark-start.cjs", flag, "@logtrace/bootstrap"],
        env: {
          ...late.env,
          ...bed.otlp.env,
          OTEL_RESOURCE_ATTRIBUTES: USER,
          OTEL_BSP_SCHEDULE_DELAY: "20",
          LOGTRACE_METADATA_TIMEOUT_MS: String(ANSWER_DELAY_MS * 2),
        },
      });
      // Not held up by the late answer.
      expect(bed.app.ready.preloadMs).toBeLessThan(ANSWER_DELAY_MS);
      const early = await bed.app.get("/hello/early");
      // Served before the answer: the variable is still the user's, nothing printed yet.
      expect(early.resource).toBe(USER);
      expect(logtraceLines(bed.app)).toEqual([]);
      const earlyFork = await bed.app.get("/fork");

      const earlySpan = await bed.otlp.waitForSpan(
        (span) => span.kind === 2 && span.attributes["url.path"] === "/hello/early",
      );
      expect(earlySpan.resource["aws.log.group.names"]).toBe(GROUP);
      expect(earlySpan.resource["aws.ecs.task.arn"]).toBe(
        ecsFixtures["fargate-awslogs"].task.TaskARN,
      );
      expect(earlySpan.resource).toMatchObject({ "service.name": "late", team: "a" });
      // The metadata request itself is not a span of the app.
      const spansText = bed.otlp.spans().map((span) => JSON.stringify(span.attributes));
      expect(spansText.filter((text) => text.includes("/v4/"))).toEqual([]);

      await resolutionLanded(bed.app);
      const after = await bed.app.get("/hello/after");
      expect(String(after.resource)).toMatch(
        new RegExp(`^${USER},aws\\.log\\.group\\.names=${GROUP.replaceAll("/", "\\/")},`),
      );
      expect(after.resolved).toBe("ecs-metadata");

      // A child forked before the answer landed inherited no resolution: it read the metadata
      // itself (two more requests), and its spans carry the same group.
      const earlyChildSpan = await bed.otlp.waitForSpan(
        (span) => span.kind === 3 && span.resource["process.pid"] === earlyFork.pid,
      );
      expect(earlyChildSpan.resource["aws.log.group.names"]).toBe(GROUP);
      expect(late.requests()).toHaveLength(4);
      // A child forked after it inherits the resolved environment and reads nothing.
      const lateFork = await bed.app.get("/fork");
      expect(lateFork.marker).toBe("ecs-metadata");
      expect(String(lateFork.resource)).toContain(`aws.log.group.names=${GROUP}`);
      expect(late.requests()).toHaveLength(4);
    } finally {
      await bed.app?.stop("SIGKILL");
      await late.close();
    }
  });
});

describe("--import esm-app.mjs, metadata answering late", () => {
  it("waits for the answer: the environment is final at the app's first line, spans carry the group", async () => {
    const late = await startFakeEcsMetadata({ fixture: "fargate-awslogs", delayMs: 300 });
    try {
      bed.app = await startApp({
        app: "esm-app.mjs",
        preload: ["--require", "./mark-start.cjs", "--import", "@logtrace/bootstrap"],
        env: {
          ...late.env,
          ...bed.otlp.env,
          OTEL_RESOURCE_ATTRIBUTES: USER,
          OTEL_BSP_SCHEDULE_DELAY: "20",
        },
      });
      expect(bed.app.ready.preloadMs).toBeGreaterThanOrEqual(300);
      expect(logtraceLines(bed.app).length).toBeGreaterThan(0);
      const first = await bed.app.get("/hello/first");
      expect(String(first.resource)).toContain(`aws.log.group.names=${GROUP}`);
      expect(first.resolved).toBe("ecs-metadata");
      const span = await bed.otlp.waitForSpan((s) => s.attributes["url.path"] === "/hello/first");
      expect(span.resource["aws.log.group.names"]).toBe(GROUP);
    } finally {
      await bed.app?.stop("SIGKILL");
      await late.close();
    }
  });
});
