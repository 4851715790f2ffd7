import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  npmInstall,
  packWorkspacePackages,
  pnpmInstall,
  removeTempDirs,
  tempDir,
} from "../testing/app-trees.testutil.js";
import { cli, doctorJson, findingsOf } from "../testing/run-cli.testutil.js";

/**
 * The field report, rebuilt with real packages: a pnpm-installed app on pino 10 (pino-http 10
 * brings its own pino 9), the ADOT image's agent dir with instrumentation-pino 0.46.0 and
 * @opentelemetry/api 1.9.1, the task's environment and the sidecar collector's config.
 */
const FIELD_REPORT_ENV = {
  OTEL_RESOURCE_ATTRIBUTES:
    "service.name=ecs-express-app,deployment.environment=ecs:EcsNativeBlueGreenStack-EcsConstructCluster14AE103B-4JfsTzadcWYq,aws.log.group.names=EcsNativeBlueGreenStack-FirelensConstructFirelensLogGroupD186C82F-Oieo4YPQifeI",
  OTEL_PROPAGATORS: "tracecontext,baggage,xray",
  OTEL_TRACES_SAMPLER: "xray",
  NODE_OPTIONS: "--require /otel-auto-instrumentation/autoinstrumentation.js",
};
const collector = (name: string) => join(import.meta.dirname, "checks", "collector-fixtures", name);

let app: string;
let fixedApp: string;
let agent: string;

beforeAll(() => {
  const root = tempDir("field-report");
  app = join(root, "app");
  agent = join(root, "otel-auto-instrumentation");
  fixedApp = join(root, "fixed-app");
  for (const dir of [app, agent, fixedApp]) mkdirSync(dir);
  // The report's stack traces show /app/node_modules/.pnpm/pino-http@10.5.0: a pnpm install.
  pnpmInstall(app, ["pino@10.4.0", "pino-http@10.5.0"], { main: "dist/index.js" });
  npmInstall(agent, ["@opentelemetry/instrumentation-pino@0.46.0", "@opentelemetry/api@1.9.1"]);
  const tarballs = packWorkspacePackages(["core", "pino"], tempDir("packs"));
  npmInstall(fixedApp, [...tarballs, "pino@10.4.0", "pino-http@10.5.0"], { main: "dist/index.js" });
}, 300_000);
afterAll(removeTempDirs);

const args = (cwd: string, config: string) => [
  "--cwd",
  cwd,
  "--agent-dir",
  agent,
  "--collector-config",
  collector(config),
];

describe("logtrace doctor on the field report's tree", () => {
  it("exits 1 with ✗ on the logger range, the missing adapter and the collector's ecs detector", async () => {
    const { run, report } = await doctorJson(args(app, "field-report.yaml"), FIELD_REPORT_ENV);
    expect(run.code).toBe(1);
    expect(report.exitCode).toBe(1);
    expect(report.checks.filter((c) => c.status === "fail").map((c) => c.id)).toEqual([
      "logger-instrumentation-ranges",
      "logtrace-adapters",
      "collector-config",
    ]);
  });

  it("check 1: pino 10.4.0 is outside the agent's instrumentation-pino 0.46.0 range; the nested pino 9 is inside", async () => {
    const { report } = await doctorJson(args(app, "field-report.yaml"), FIELD_REPORT_ENV);
    const findings = findingsOf(report, "logger-instrumentation-ranges");
    const verdicts = findings.map((f) => {
      const data = f.data as {
        copy: { version: string };
        range: string;
        origin: string;
        instrumentation: { version: string };
      };
      return [
        f.status,
        data.copy.version.split(".")[0],
        data.instrumentation.version,
        data.range,
        data.origin,
      ];
    });
    expect(verdicts).toEqual([
      ["fail", "10", "0.46.0", ">=5.14.0 <10", "agent"],
      ["ok", "9", "0.46.0", ">=5.14.0 <10", "agent"],
    ]);
    expect(findings[0]?.fix).toContain("use @logtrace/pino");
  });

  it("check 2 fails (nothing adds trace ids to pino 10), check 3 and 4 pass, 5 does not apply, 7 passes (CommonJS)", async () => {
    const { report } = await doctorJson(args(app, "field-report.yaml"), FIELD_REPORT_ENV);
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
    expect(byId).toMatchObject({
      "logtrace-adapters": "fail",
      "otel-api-copies": "ok",
      "otel-resource-attributes": "ok",
      "ecs-metadata": "skip",
      "module-system": "ok",
    });
    expect(findingsOf(report, "logtrace-adapters")[0]?.message).toMatch(
      /nothing adds trace ids to the lines of pino 10\.4\.0 \(node_modules\/pino\)/,
    );
    expect(findingsOf(report, "otel-resource-attributes")[1]?.data).toMatchObject({
      logGroupNames: [
        "EcsNativeBlueGreenStack-FirelensConstructFirelensLogGroupD186C82F-Oieo4YPQifeI",
      ],
    });
  });

  it("prints the ✗ lines as a person reads them", async () => {
    const run = await cli(["doctor", ...args(app, "field-report.yaml")], { env: FIELD_REPORT_ENV });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const crosses = run.stdout.split("\n").filter((line) => line.trimStart().startsWith("✗"));
    expect(crosses).toHaveLength(3);
    expect(crosses[0]).toContain(
      "✗ pino 10.4.0 (node_modules/pino) is outside @opentelemetry/instrumentation-pino 0.46.0 [agent]'s range >=5.14.0 <10: the agent will not add trace ids to its lines",
    );
    expect(crosses[2]).toContain(
      "pipeline traces runs resourcedetection with detectors [env, ecs]",
    );
    expect(run.stdout).toMatch(/\n\d+ ✓ {2}\d+ ⚠ {2}3 ✗ {2}\d+ –\n$/);
  });
});

describe("logtrace doctor after the fixes", () => {
  it("with @logtrace/pino installed and the collector fixed: no ✗, exit 0", async () => {
    const { run, report } = await doctorJson(
      args(fixedApp, "field-report-fixed.yaml"),
      FIELD_REPORT_ENV,
    );
    expect(report.checks.filter((c) => c.status === "fail")).toEqual([]);
    expect(run.code).toBe(0);
    // The agent still skips pino 10, but the adapter covers it: a warning, not a failure.
    const pino10 = findingsOf(report, "logger-instrumentation-ranges").find(
      (f) => (f.data as { copy: { version: string } }).copy.version === "10.4.0",
    );
    expect(pino10?.status).toBe("warn");
    expect(pino10?.fix).toContain("@logtrace/pino is installed");
    const [adapter] = findingsOf(report, "logtrace-adapters");
    expect(adapter?.status).toBe("ok");
    expect(adapter?.message).toMatch(
      /@logtrace\/pino 0\.1\.0 \(node_modules\/@logtrace\/pino\) is installed/,
    );
  });
});
