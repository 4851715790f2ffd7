import { ecsFixtures } from "@logtrace/testkit";
import { describe, expect, it } from "vitest";
import { ecsTestbed, resolutionLanded, startApp } from "./harness.js";

const GROUP = ecsFixtures["fargate-awslogs"].expected.logGroupNames.join("&");
const bed = ecsTestbed("fargate-awslogs");

const env = () => ({
  ...bed.metadata.env,
  ...bed.otlp.env,
  OTEL_BSP_SCHEDULE_DELAY: "50",
  LOGTRACE_LOG_LEVEL: "debug",
});
const tracingStarted = (lines: string[]) =>
  lines.filter((line) => line.includes("tracing started"));

describe("once per process", () => {
  it("--require and --import together: one resolution, one SDK, one span per request", async () => {
    bed.app = await startApp({
      app: "esm-app.mjs",
      preload: ["--require", "@logtrace/bootstrap", "--import", "@logtrace/bootstrap"],
      env: env(),
    });
    await bed.app.get("/hello/1");
    const server = await bed.otlp.waitForSpan((span) => span.kind === 2);
    // Two SDKs would each export a server span for the request: give a second one time to come.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bed.otlp.spans().filter((span) => span.kind === 2)).toHaveLength(1);
    expect(server.resource["aws.log.group.names"]).toBe(GROUP);
    expect(bed.metadata.requests().sort()).toEqual(["", "/task"]);
    expect(tracingStarted(bed.app.stderrLines())).toHaveLength(1);
  });

  it("a worker thread neither fetches nor starts an SDK", async () => {
    bed.app = await startApp({
      app: "esm-app.mjs",
      preload: ["--import", "@logtrace/bootstrap"],
      env: env(),
    });
    await resolutionLanded(bed.app);
    const worker = await bed.app.get("/worker");
    expect(worker).toMatchObject({ bootstrapStartedHere: false, tracerProviderHere: false });
    expect(String(worker.resource)).toContain(`aws.log.group.names=${GROUP}`);
    expect(bed.metadata.requests()).toHaveLength(2);
    expect(tracingStarted(bed.app.stderrLines())).toHaveLength(1);
  });

  it.each(["--import", "--require"])(
    "a forked process (%s inherited) does not fetch again, traces with the inherited resource",
    async (flag) => {
      bed.app = await startApp({
        app: "cjs-app.cjs",
        preload: [flag, "@logtrace/bootstrap"],
        env: env(),
      });
      await resolutionLanded(bed.app);
      const forked = await bed.app.get("/fork");
      expect(forked.marker).toBe("ecs-metadata");
      expect(String(forked.resource)).toContain(`aws.log.group.names=${GROUP}`);
      expect(bed.metadata.requests()).toHaveLength(2);
      // The child's client span and the parent's server span: same trace, two processes.
      const client = await bed.otlp.waitForSpan(
        (span) => span.kind === 3 && span.resource["process.pid"] === forked.pid,
      );
      const server = await bed.otlp.waitForSpan((span) => span.kind === 2);
      expect(client.traceId).toBe(server.traceId);
      expect(client.resource["aws.log.group.names"]).toBe(GROUP);
    },
  );
});
