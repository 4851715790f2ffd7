import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../testing/app-trees.testutil.js";
import { doctorJson, findingsOf } from "../testing/run-cli.testutil.js";
import { adapterOf, LOGGERS } from "./loggers.js";

// The repo's own examples, as a user would run the doctor in them: each example that uses a
// logger (found by glob) has its @logtrace adapter, and a shipped collector.yaml has no ✗.
const EXAMPLES = join(REPO_ROOT, "examples");
const examples = readdirSync(EXAMPLES)
  .map((name) => ({ name, dir: join(EXAMPLES, name) }))
  .filter(({ dir }) => existsSync(join(dir, "package.json")))
  .map((example) => {
    const manifest = JSON.parse(readFileSync(join(example.dir, "package.json"), "utf8"));
    const loggers = LOGGERS.filter((logger) => manifest.dependencies?.[logger] !== undefined);
    return { ...example, loggers };
  })
  .filter((example) => example.loggers.length > 0);

describe("logtrace doctor in the repo's examples", () => {
  it("finds the examples that use a logger", () => {
    expect(examples.map((e) => e.name)).toContain("express-pino");
  });

  it.each(examples.map((e) => [e.name, e] as const))("%s", async (_name, example) => {
    const collector = join(example.dir, "collector.yaml");
    const argv = ["--cwd", example.dir];
    if (existsSync(collector)) argv.push("--collector-config", collector);
    const { report } = await doctorJson(argv);

    const adapters = findingsOf(report, "logtrace-adapters");
    for (const logger of example.loggers) {
      const finding = adapters.find((f) => f.data?.logger === logger);
      expect(finding?.status, `${logger}: ${finding?.message}`).toBe("ok");
      expect(adapterOf(logger)).toMatch(/^@logtrace\//);
    }
    if (existsSync(collector)) {
      const collectorFindings = findingsOf(report, "collector-config");
      expect(collectorFindings.filter((f) => f.status === "fail")).toEqual([]);
    }
  });
});
