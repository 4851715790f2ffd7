import { type OtlpReceiver, startOtlpReceiver } from "@logtrace/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "./harness.js";

let otlp: OtlpReceiver;
let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop("SIGKILL");
  app = undefined;
  await otlp?.close();
});

// A schedule delay far longer than the test: spans arrive only if the exit path flushes them.
const env = () => ({
  ...otlp.env,
  LOGTRACE_LOG_GROUP_NAMES: "/ecs/signals",
  OTEL_BSP_SCHEDULE_DELAY: "600000",
});

describe.each(["--import", "--require"])("%s: spans are flushed on signals", (flag) => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "%s without an app handler: flushed, and the process still dies of the signal",
    async (signal) => {
      otlp = await startOtlpReceiver();
      app = await startApp({
        app: "cjs-app.cjs",
        preload: [flag, "@logtrace/bootstrap"],
        env: env(),
      });
      await app.get("/hello/1");
      const ended = await app.stop(signal);
      expect(ended).toEqual({ code: null, signal });
      expect(otlp.spans().length).toBeGreaterThan(0);
    },
  );

  it("SIGTERM with the app's own handler calling process.exit(0): exit code stands, spans sent at exit", async () => {
    otlp = await startOtlpReceiver();
    app = await startApp({
      app: "cjs-app.cjs",
      preload: [flag, "@logtrace/bootstrap"],
      env: { ...env(), E2E_OWN_SIGTERM: "1" },
    });
    await app.get("/hello/1");
    const ended = await app.stop("SIGTERM");
    expect(ended).toEqual({ code: 0, signal: null });
    expect(app.logLines().some((line) => line.msg === "own SIGTERM handler: exiting")).toBe(true);
    // Sent synchronously from the exit event: all there by the time the process is gone.
    expect(otlp.spans().filter((span) => span.kind === 2)).toHaveLength(1);
  });
});
