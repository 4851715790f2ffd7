import { ecsFixtures } from "@logtrace/testkit";
import { describe, expect, it } from "vitest";
import { ecsTestbed, startApp } from "./harness.js";

// LOGTRACE_AGENT with the real AWS Distro for OpenTelemetry: it reads OTEL_RESOURCE_ATTRIBUTES
// while it loads, so it must come after the resolution; its own ECS detector knows only
// awslogs, so FireLens is the case where only our value can name the group.
const ADOT = "@aws/aws-distro-opentelemetry-node-autoinstrumentation/register";
const GROUP = ecsFixtures["firelens-templates"].expected.logGroupNames.join("&");

const bed = ecsTestbed("firelens-templates");

describe.each(["--import", "--require"])("LOGTRACE_AGENT=ADOT with %s", (flag) => {
  it("ADOT's exported spans carry our aws.log.group.names, and the log lines their trace ids", async () => {
    bed.app = await startApp({
      app: "cjs-app.cjs",
      preload: [flag, "@logtrace/bootstrap"],
      env: {
        ...bed.metadata.env,
        LOGTRACE_AGENT: ADOT,
        OTEL_RESOURCE_ATTRIBUTES: "service.name=adot-app",
        OTEL_TRACES_EXPORTER: "otlp",
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: bed.otlp.tracesUrl,
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/protobuf",
        OTEL_METRICS_EXPORTER: "none",
        OTEL_LOGS_EXPORTER: "none",
        OTEL_AWS_APPLICATION_SIGNALS_ENABLED: "false",
        OTEL_TRACES_SAMPLER: "always_on",
        OTEL_BSP_SCHEDULE_DELAY: "50",
      },
      readyTimeoutMs: 40_000,
    });
    await bed.app.get("/hello/1");
    const server = await bed.otlp.waitForSpan((span) => span.kind === 2, 15_000);
    expect(server.scope.name).toMatch(/instrumentation-http/);
    expect(server.resource["aws.log.group.names"]).toBe(GROUP);
    expect(server.resource["service.name"]).toBe("adot-app");
    const line = bed.app.logLines().find((entry) => entry.msg === "handling hello");
    expect(line?.trace_id).toBe(server.traceId);
  });
});
