import {
  ecsFixtures,
  type FakeEcsMetadata,
  type OtlpReceiver,
  startFakeEcsMetadata,
  startOtlpReceiver,
} from "@logtrace/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "./harness.js";

// LOGTRACE_AGENT with the real AWS Distro for OpenTelemetry: it reads OTEL_RESOURCE_ATTRIBUTES
// while it loads, so it must come after the resolution; its own ECS detector knows only
// awslogs, so FireLens is the case where only our value can name the group.
const ADOT = "@aws/aws-distro-opentelemetry-node-autoinstrumentation/register";
const GROUP = ecsFixtures["firelens-templates"].expected.logGroupNames.join("&");

let metadata: FakeEcsMetadata;
let otlp: OtlpReceiver;
let app: RunningApp | undefined;
beforeEach(async () => {
  metadata = await startFakeEcsMetadata({ fixture: "firelens-templates" });
  otlp = await startOtlpReceiver();
});
afterEach(async () => {
  await app?.stop("SIGKILL");
  app = undefined;
  await Promise.all([metadata.close(), otlp.close()]);
});

describe.each(["--import", "--require"])("LOGTRACE_AGENT=ADOT with %s", (flag) => {
  it("ADOT's exported spans carry our aws.log.group.names, and the log lines their trace ids", async () => {
    app = await startApp({
      app: "cjs-app.cjs",
      preload: [flag, "@logtrace/bootstrap"],
      env: {
        ...metadata.env,
        LOGTRACE_AGENT: ADOT,
        OTEL_RESOURCE_ATTRIBUTES: "service.name=adot-app",
        OTEL_TRACES_EXPORTER: "otlp",
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otlp.tracesUrl,
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/protobuf",
        OTEL_METRICS_EXPORTER: "none",
        OTEL_LOGS_EXPORTER: "none",
        OTEL_AWS_APPLICATION_SIGNALS_ENABLED: "false",
        OTEL_TRACES_SAMPLER: "always_on",
        OTEL_BSP_SCHEDULE_DELAY: "50",
      },
      readyTimeoutMs: 40_000,
    });
    await app.get("/hello/1");
    const server = await otlp.waitForSpan((span) => span.kind === 2, 15_000);
    expect(server.scope.name).toMatch(/instrumentation-http/);
    expect(server.resource["aws.log.group.names"]).toBe(GROUP);
    expect(server.resource["service.name"]).toBe("adot-app");
    const line = app.logLines().find((entry) => entry.msg === "handling hello");
    expect(line?.trace_id).toBe(server.traceId);
  });
});
