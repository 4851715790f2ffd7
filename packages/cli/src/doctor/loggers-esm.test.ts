import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { npmInstall, pnpmInstall, removeTempDirs, tempDir } from "../testing/app-trees.testutil.js";
import { doctorJson, findingsOf } from "../testing/run-cli.testutil.js";

/**
 * An ESM app installed with pnpm: pino 10 with its own instrumentation-pino 0.70.0 (range < 11),
 * winston 3 and bunyan 2.0.5 (outside instrumentation-bunyan's < 2), @opentelemetry/api 1.10.0;
 * an agent dir (npm) with older winston and bunyan instrumentations and api 1.9.1.
 */
let app: string;
let agent: string;

beforeAll(() => {
  const root = tempDir("esm");
  app = join(root, "app");
  agent = join(root, "agent");
  mkdirSync(app);
  mkdirSync(agent);
  pnpmInstall(
    app,
    [
      "pino@10.4.0",
      "winston@3.19.0",
      "bunyan@2.0.5",
      "@opentelemetry/api@1.10.0",
      "@opentelemetry/instrumentation-pino@0.70.0",
    ],
    { type: "module", main: "server.js" },
  );
  npmInstall(agent, [
    // Releases of the ADOT-0.x era, whose peer range still takes api 1.9 (0.69 wants ^1.10).
    "@opentelemetry/instrumentation-winston@0.44.0",
    "@opentelemetry/instrumentation-bunyan@0.45.0",
    "@opentelemetry/api@1.9.1",
  ]);
}, 300_000);
afterAll(removeTempDirs);

type Verdict = { status: string; data?: Record<string, unknown> };
const loggerVerdicts = (findings: Verdict[]) =>
  findings.map((f) => {
    const data = f.data as { logger: string; copy?: { version: string }; origin?: string };
    return [data.logger, data.copy?.version ?? null, data.origin ?? null, f.status];
  });

describe("logtrace doctor on a pnpm ESM app with an agent dir", () => {
  it("check 1 compares each logger with the instrumentation found for it, app or agent", async () => {
    const { report } = await doctorJson(["--cwd", app, "--agent-dir", agent]);
    expect(loggerVerdicts(findingsOf(report, "logger-instrumentation-ranges"))).toEqual([
      ["pino", "10.4.0", "app", "ok"],
      ["winston", "3.19.0", "agent", "ok"],
      ["bunyan", "2.0.5", "agent", "fail"],
    ]);
    const bunyan = findingsOf(report, "logger-instrumentation-ranges")[2];
    expect(bunyan?.data).toMatchObject({ range: ">=1.0.0 <2" });
  });

  it("check 2: patched loggers get a warning, the unpatched one fails", async () => {
    const { report } = await doctorJson(["--cwd", app, "--agent-dir", agent]);
    expect(findingsOf(report, "logtrace-adapters").map((f) => [f.data?.logger, f.status])).toEqual([
      ["pino", "warn"],
      ["winston", "warn"],
      ["bunyan", "fail"],
    ]);
  });

  it("check 3: the app's api 1.10.0 cannot see the agent's 1.9.1 registration", async () => {
    const { report } = await doctorJson(["--cwd", app, "--agent-dir", agent]);
    const [finding] = findingsOf(report, "otel-api-copies");
    expect(finding?.status).toBe("warn");
    expect(finding?.data).toMatchObject({ registrar: { version: "1.9.1" } });
    const blind = (finding?.data?.blind ?? []) as Array<{ version: string }>;
    expect(blind.map((c) => c.version)).toContain("1.10.0");
    expect(finding?.message).toContain("@logtrace adapters are unaffected");
    expect(finding?.fix).toContain("~1.9");
  });

  it("without --agent-dir: winston and bunyan have no instrumentation to compare with, and the api copies agree", async () => {
    const { report } = await doctorJson(["--cwd", app]);
    expect(loggerVerdicts(findingsOf(report, "logger-instrumentation-ranges"))).toEqual([
      ["pino", "10.4.0", "app", "ok"],
      ["winston", null, null, "skip"],
      ["bunyan", null, null, "skip"],
    ]);
    expect(findingsOf(report, "logger-instrumentation-ranges")[1]?.message).toContain(
      "pass --agent-dir",
    );
    expect(findingsOf(report, "otel-api-copies")[0]?.status).toBe("ok");
  });

  it("check 7: an ESM app with the agent preloaded only by --require fails (loggers without adapters)", async () => {
    const env = { NODE_OPTIONS: "--require /otel-auto-instrumentation/autoinstrumentation.js" };
    const { report } = await doctorJson(["--cwd", app, "--agent-dir", agent], env);
    const [finding] = findingsOf(report, "module-system");
    expect(finding?.status).toBe("fail");
    expect(finding?.message).toContain('ESM app ("type": "module")');
    expect(finding?.message).toContain("require hooks never see `import`");
    expect(finding?.fix).toContain("@logtrace/pino, @logtrace/winston, @logtrace/bunyan");
  });

  it("check 7: with an --import preload it warns; with no preload it does not apply", async () => {
    const imported = await doctorJson(["--cwd", app], {
      NODE_OPTIONS: '--import "@opentelemetry/auto-instrumentations-node/register"',
    });
    expect(findingsOf(imported.report, "module-system").map((f) => f.status)).toEqual(["warn"]);
    const none = await doctorJson(["--cwd", app], { NODE_OPTIONS: "--max-old-space-size=512" });
    expect(findingsOf(none.report, "module-system").map((f) => f.status)).toEqual(["skip"]);
  });
});
