import {
  ECS_METADATA_FAULTS,
  type FakeEcsMetadata,
  type OtlpReceiver,
  startFakeEcsMetadata,
  startOtlpReceiver,
} from "@logtrace/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { logtraceLines, type RunningApp, startApp } from "./harness.js";

const TIMEOUT_MS = 500;
const USER = "service.name=faulty,team=a%2Cb";

let metadata: FakeEcsMetadata | undefined;
let otlp: OtlpReceiver | undefined;
let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop("SIGKILL");
  app = undefined;
  await Promise.all([metadata?.close(), otlp?.close()]);
});

// The preload's own time is measured inside the child: a --require placed first marks when
// preloading began, the app's first import marks when it ended. These are the routes that wait
// for the metadata (--import always; --require when an agent or the app's own SDK reads the
// environment): OTEL_SDK_DISABLED keeps the measure to the resolution itself. (--require starting
// our SDK does not wait: "with tracing on" below.)
const routes = [
  ["--import", "OTEL_SDK_DISABLED"],
  ["--require", "OTEL_SDK_DISABLED"],
  ["--import", "LOGTRACE_AGENT"],
  ["--require", "LOGTRACE_AGENT"],
] as const;
describe.each(routes)("%s, %s, with a faulty metadata endpoint", (flag, route) => {
  const agent = route === "LOGTRACE_AGENT";
  it.each(ECS_METADATA_FAULTS)(
    "%s: the app starts within timeout + 100 ms, one clear line, user attributes kept",
    async (fault) => {
      metadata = await startFakeEcsMetadata({ fixture: "fargate-awslogs", fault });
      app = await startApp({
        app: "cjs-app.cjs",
        preload: ["--require", "./mark-start.cjs", flag, "@logtrace/bootstrap"],
        env: {
          ...metadata.env,
          OTEL_SDK_DISABLED: "true",
          OTEL_RESOURCE_ATTRIBUTES: USER,
          LOGTRACE_METADATA_TIMEOUT_MS: String(TIMEOUT_MS),
          LOGTRACE_AGENT: agent ? "./noop-agent.cjs" : undefined,
        },
      });
      expect(app.ready.preloadMs).toBeLessThan(TIMEOUT_MS + 100);
      const lines = logtraceLines(app);
      expect(lines.filter((line) => line.startsWith("[logtrace] warning:"))).toHaveLength(1);
      expect(lines[0]).toMatch(/LOGTRACE_LOG_GROUP_NAMES/);
      // The user's entries stay first and verbatim (wrong-types still yields a few ECS attributes).
      expect(String((await app.get("/hello/1")).resource).startsWith(USER)).toBe(true);
    },
  );
});

describe("--require with tracing on", () => {
  it("a metadata endpoint that never answers delays only the export, by the timeout", async () => {
    const timeoutMs = 2000;
    metadata = await startFakeEcsMetadata({ fault: "never-answers" });
    otlp = await startOtlpReceiver();
    app = await startApp({
      app: "esm-app.mjs",
      preload: ["--require", "./mark-start.cjs", "--require", "@logtrace/bootstrap"],
      env: {
        ...metadata.env,
        ...otlp.env,
        OTEL_RESOURCE_ATTRIBUTES: USER,
        OTEL_BSP_SCHEDULE_DELAY: "50",
        LOGTRACE_METADATA_TIMEOUT_MS: String(timeoutMs),
      },
    });
    // Tracing starts without waiting; the span is exported once the timeout has expired.
    expect(app.ready.preloadMs).toBeLessThan(timeoutMs / 2);
    const asked = Date.now();
    await app.get("/hello/1");
    const [span] = await otlp.waitForSpans(1);
    expect(Date.now() - asked).toBeGreaterThan(timeoutMs / 2);
    expect(span?.resource).toMatchObject({ "service.name": "faulty", team: "a,b" });
    expect(span?.resource["aws.log.group.names"]).toBeUndefined();
  });
});
