import {
  ecsFixtures,
  type FakeEcsMetadata,
  type OtlpReceiver,
  startFakeEcsMetadata,
  startOtlpReceiver,
} from "@logtrace/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "./harness.js";

const GROUP = ecsFixtures["fargate-awslogs"].expected.logGroupNames.join("&");
let metadata: FakeEcsMetadata;
let otlp: OtlpReceiver;
let app: RunningApp | undefined;
beforeEach(async () => {
  metadata = await startFakeEcsMetadata({ fixture: "fargate-awslogs" });
  otlp = await startOtlpReceiver();
});
afterEach(async () => {
  await app?.stop("SIGKILL");
  app = undefined;
  await Promise.all([metadata.close(), otlp.close()]);
});

const env = () => ({
  ...metadata.env,
  ...otlp.env,
  OTEL_BSP_SCHEDULE_DELAY: "50",
  LOGTRACE_LOG_LEVEL: "debug",
});
const tracingStarted = (lines: string[]) =>
  lines.filter((line) => line.includes("tracing started"));

describe("once per process", () => {
  it("--require and --import together: one resolution, one SDK, one span per request", async () => {
    app = await startApp({
      app: "esm-app.mjs",
      preload: ["--require", "@logtrace/bootstrap", "--import", "@logtrace/bootstrap"],
      env: env(),
    });
    await app.get("/hello/1");
    const server = await otlp.waitForSpan((span) => span.kind === 2);
    // Two SDKs would each export a server span for the request: give a second one time to come.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(otlp.spans().filter((span) => span.kind === 2)).toHaveLength(1);
    expect(server.resource["aws.log.group.names"]).toBe(GROUP);
    expect(metadata.requests().sort()).toEqual(["", "/task"]);
    expect(tracingStarted(app.stderrLines())).toHaveLength(1);
  });

  it("a worker thread neither fetches nor starts an SDK", async () => {
    app = await startApp({
      app: "esm-app.mjs",
      preload: ["--import", "@logtrace/bootstrap"],
      env: env(),
    });
    const worker = await app.get("/worker");
    expect(worker).toMatchObject({ bootstrapStartedHere: false, tracerProviderHere: false });
    expect(String(worker.resource)).toContain(`aws.log.group.names=${GROUP}`);
    expect(metadata.requests()).toHaveLength(2);
    expect(tracingStarted(app.stderrLines())).toHaveLength(1);
  });

  it.each(["--import", "--require"])(
    "a forked process (%s inherited) does not fetch again, traces with the inherited resource",
    async (flag) => {
      app = await startApp({
        app: "cjs-app.cjs",
        preload: [flag, "@logtrace/bootstrap"],
        env: env(),
      });
      const forked = await app.get("/fork");
      expect(forked.marker).toBe("ecs-metadata");
      expect(String(forked.resource)).toContain(`aws.log.group.names=${GROUP}`);
      expect(metadata.requests()).toHaveLength(2);
      // The child's client span and the parent's server span: same trace, two processes.
      const client = await otlp.waitForSpan(
        (span) => span.kind === 3 && span.resource["process.pid"] === forked.pid,
      );
      const server = await otlp.waitForSpan((span) => span.kind === 2);
      expect(client.traceId).toBe(server.traceId);
      expect(client.resource["aws.log.group.names"]).toBe(GROUP);
    },
  );
});
