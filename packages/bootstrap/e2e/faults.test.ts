import {
  ECS_METADATA_FAULTS,
  type FakeEcsMetadata,
  type OtlpReceiver,
  startFakeEcsMetadata,
  startOtlpReceiver,
} from "@logtrace/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { logtraceLines, type RunningApp, resolutionLanded, startApp } from "./harness.js";

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
// preloading began, the app's first import marks when it ended. OTEL_SDK_DISABLED keeps the
// measure to the resolution itself. --import waits for the answer (bounded by the timeout);
// --require does not wait at all, and says its line when the answer (or the timeout) comes.
describe.each(["--import", "--require"] as const)("%s with a faulty metadata endpoint", (flag) => {
  it.each(ECS_METADATA_FAULTS)(
    "%s: starts within timeout + 100 ms, one clear line, user attributes kept",
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
        },
      });
      expect(app.ready.preloadMs).toBeLessThan(
        flag === "--import" ? TIMEOUT_MS + 100 : TIMEOUT_MS / 2,
      );
      await resolutionLanded(app);
      const lines = logtraceLines(app);
      expect(lines.filter((line) => line.startsWith("[logtrace] warning:"))).toHaveLength(1);
      expect(lines[0]).toMatch(/LOGTRACE_LOG_GROUP_NAMES/);
      // The user's entries stay first and verbatim (wrong-types still yields a few ECS attributes).
      expect(String((await app.get("/hello/1")).resource).startsWith(USER)).toBe(true);
    },
  );
});

describe("with tracing on", () => {
  it("a metadata endpoint that never answers costs the timeout, nothing else", async () => {
    metadata = await startFakeEcsMetadata({ fault: "never-answers" });
    otlp = await startOtlpReceiver();
    app = await startApp({
      app: "esm-app.mjs",
      preload: ["--import", "@logtrace/bootstrap"],
      env: {
        ...metadata.env,
        ...otlp.env,
        OTEL_RESOURCE_ATTRIBUTES: USER,
        OTEL_BSP_SCHEDULE_DELAY: "50",
        LOGTRACE_METADATA_TIMEOUT_MS: String(TIMEOUT_MS),
      },
    });
    await app.get("/hello/1");
    const [span] = await otlp.waitForSpans(1);
    expect(span?.resource).toMatchObject({ "service.name": "faulty", team: "a,b" });
    expect(span?.resource["aws.log.group.names"]).toBeUndefined();
  });
});
