import { spawnSync } from "node:child_process";
import { ecsFixtures } from "@logtrace/testkit";
import { describe, expect, it } from "vitest";
import {
  APPS_DIR,
  cleanEnv,
  ecsTestbed,
  logtraceLines,
  resolutionLanded,
  startApp,
} from "./harness.js";

const bed = ecsTestbed("firelens-templates");

const GROUP = ecsFixtures["firelens-templates"].expected.logGroupNames.join("&");

describe.each([
  ["--import", "esm-app.mjs", "http/protobuf"],
  ["--require", "cjs-app.cjs", "http/json"],
  ["--import", "cjs-app.cjs", "http/json"],
  ["--require", "esm-app.mjs", "http/protobuf"],
  ["--require", "cjs-imports-esm.cjs", "http/json"],
] as const)("node %s @logtrace/bootstrap %s (%s)", (flag, entry, protocol) => {
  it("correlates every log line with an exported span whose resource names this container's group", async () => {
    bed.app = await startApp({
      app: entry,
      preload: [flag, "@logtrace/bootstrap"],
      env: {
        ...bed.metadata.env,
        ...bed.otlp.env,
        OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
        OTEL_RESOURCE_ATTRIBUTES: "service.name=e2e-app,deployment.environment=test",
        OTEL_BSP_SCHEDULE_DELAY: "50",
      },
    });
    await Promise.all([1, 2, 3].map((n) => bed.app?.get(`/hello/${n}`)));
    await Promise.all(
      [1, 2, 3].map((n) =>
        bed.otlp.waitForSpan(
          (span) => span.kind === 2 && span.attributes["url.path"] === `/hello/${n}`,
        ),
      ),
    );
    const spans = bed.otlp.spans();

    // The app sees the updated variable (and so would its child processes) once the metadata
    // answered, which exports wait for.
    const seen = await bed.app.get("/hello/4");
    expect(String(seen?.resource)).toMatch(
      /^service\.name=e2e-app,deployment\.environment=test,aws\.log\.group\.names=/,
    );
    const lines = bed.app
      .logLines()
      .filter((line) => line.msg === "handling hello" && line.n !== "4");
    expect(lines).toHaveLength(3);
    const traceIds = new Set(spans.map((span) => span.traceId));
    for (const line of lines) expect(traceIds.has(String(line.trace_id))).toBe(true);
    // One server span per request, each in the trace of its log line.
    const serverSpans = spans.filter((span) => span.kind === 2);
    expect(serverSpans.map((span) => span.traceId).sort()).toEqual(
      lines.map((line) => String(line.trace_id)).sort(),
    );
    for (const span of spans) {
      expect(span.protocol).toBe(protocol);
      expect(span.resource["aws.log.group.names"]).toBe(GROUP);
      expect(span.resource["service.name"]).toBe("e2e-app");
      expect(span.resource["deployment.environment"]).toBe("test");
      expect(span.resource["cloud.platform"]).toBe("aws_ecs");
    }
    expect(serverSpans[0]?.attributes["http.route"]).toBe("/hello/:n");
    // Our encoder writes protobuf: the official serialiser is loaded for OTLP/JSON only.
    const transformer = await bed.app.get("/loaded/@opentelemetry/otlp-transformer");
    expect(transformer.loaded).toBe(protocol === "http/json");
    expect(logtraceLines(bed.app)).toEqual([
      expect.stringContaining(`aws.log.group.names=${GROUP}`),
    ]);
  });
});

describe("switches", () => {
  it("LOGTRACE_DISABLED=true does nothing at all", async () => {
    bed.app = await startApp({
      app: "esm-app.mjs",
      preload: ["--import", "@logtrace/bootstrap"],
      env: {
        ...bed.metadata.env,
        ...bed.otlp.env,
        LOGTRACE_DISABLED: "true",
        OTEL_RESOURCE_ATTRIBUTES: "a=1",
      },
    });
    const answer = await bed.app.get("/hello/1");
    expect(answer.resource).toBe("a=1");
    expect(bed.app.stderrLines()).toEqual([]);
    expect(bed.metadata.requests()).toEqual([]);
    expect(bed.app.logLines()[0]?.trace_id).toBeUndefined();
  });

  it("OTEL_SDK_DISABLED=true sets the environment but starts no tracing", async () => {
    bed.app = await startApp({
      app: "cjs-app.cjs",
      preload: ["--require", "@logtrace/bootstrap"],
      env: { ...bed.metadata.env, ...bed.otlp.env, OTEL_SDK_DISABLED: "true" },
    });
    await resolutionLanded(bed.app);
    const answer = await bed.app.get("/hello/1");
    expect(String(answer.resource)).toContain(`aws.log.group.names=${GROUP}`);
    expect(bed.app.logLines()[0]?.trace_id).toBeUndefined();
  });

  it("LOGTRACE_LOG_LEVEL=silent prints nothing", async () => {
    bed.app = await startApp({
      app: "cjs-app.cjs",
      preload: ["--require", "@logtrace/bootstrap"],
      env: {
        ...bed.otlp.env,
        LOGTRACE_LOG_LEVEL: "silent",
        ECS_CONTAINER_METADATA_URI_V4: "http://127.0.0.1:9/v4/x",
      },
    });
    expect(bed.app.stderrLines()).toEqual([]);
  });

  it.each([
    ["cjs-app.cjs", false],
    ["esm-app.mjs", true],
  ])(
    "ESM hooks for %s: %s (only once an ES module imports an instrumented one)",
    async (entry, on) => {
      bed.app = await startApp({
        app: entry,
        preload: ["--require", "@logtrace/bootstrap"],
        env: { ...bed.metadata.env, ...bed.otlp.env, LOGTRACE_LOG_LEVEL: "debug" },
      });
      await resolutionLanded(bed.app);
      const hooksOn = logtraceLines(bed.app).some((line) =>
        line.includes("ESM instrumentation hooks on"),
      );
      expect(hooksOn).toBe(on);
    },
  );

  it.each(["--require", "--import"])(
    "NODE_OPTIONS=%s @logtrace/bootstrap leaves `node -e` health checks working",
    (flag) => {
      const result = spawnSync(
        process.execPath,
        ["-e", 'require("node:fs"); require("node:http"); console.log("healthy")'],
        {
          cwd: APPS_DIR,
          env: cleanEnv({ ...bed.otlp.env, NODE_OPTIONS: `${flag} @logtrace/bootstrap` }),
          encoding: "utf8",
          timeout: 20_000,
        },
      );
      expect(result.stdout.trim()).toBe("healthy");
      expect(result.status).toBe(0);
    },
  );
});
