import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../testing/app-trees.testutil.js";
import { doctorJson, findingsOf } from "../testing/run-cli.testutil.js";
import { adapterOf, LOGGERS } from "./loggers.js";

/**
 * The repo's own workspace as the app (the examples have their own test): the packages' logger
 * dev dependencies, pnpm aliases (`pino9: npm:pino@^9`) and linked workspace adapters. The
 * expected copies come from Node's own resolution, not from the doctor's scanner.
 */
const PACKAGES = join(REPO_ROOT, "packages");
const workspaces = readdirSync(PACKAGES).filter((name) => {
  try {
    readFileSync(join(PACKAGES, name, "package.json"));
    return true;
  } catch {
    return false;
  }
});

function resolvedLoggerVersions(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const name of workspaces) {
    const manifest = JSON.parse(readFileSync(join(PACKAGES, name, "package.json"), "utf8"));
    const requireThere = createRequire(join(PACKAGES, name, "package.json"));
    for (const dependency of Object.keys({
      ...manifest.dependencies,
      ...manifest.devDependencies,
    })) {
      let resolved: { name: string; version: string };
      try {
        resolved = requireThere(`${dependency}/package.json`);
      } catch {
        continue; // packages without an exported package.json are not loggers here
      }
      if (!(LOGGERS as readonly string[]).includes(resolved.name)) continue;
      const versions = found.get(resolved.name) ?? new Set<string>();
      versions.add(resolved.version);
      found.set(resolved.name, versions);
    }
  }
  return found;
}

describe("logtrace doctor --cwd <repo>/packages", () => {
  it("finds every logger copy the workspace packages resolve, aliases included", async () => {
    const { report } = await doctorJson(["--cwd", PACKAGES]);
    const expected = resolvedLoggerVersions();
    expect(expected.get("pino")?.size ?? 0).toBeGreaterThan(1);
    const adapters = findingsOf(report, "logtrace-adapters");
    for (const [logger, versions] of expected) {
      const finding = adapters.find((f) => f.data?.logger === logger);
      const listed = ((finding?.data?.copies ?? []) as Array<{ version: string }>).map(
        (c) => c.version,
      );
      for (const version of versions) expect(listed, `${logger} ${version}`).toContain(version);
    }
  });

  it("sees each workspace adapter as installed for its logger", async () => {
    const { report } = await doctorJson(["--cwd", PACKAGES]);
    const names = new Set(
      workspaces.map(
        (name) => JSON.parse(readFileSync(join(PACKAGES, name, "package.json"), "utf8")).name,
      ),
    );
    const adapters = findingsOf(report, "logtrace-adapters");
    const withAdapter = LOGGERS.filter((logger) => names.has(adapterOf(logger)));
    expect(withAdapter).toContain("pino");
    for (const logger of withAdapter) {
      const finding = adapters.find((f) => f.data?.logger === logger);
      if (finding) expect(finding.status, logger).toBe("ok");
    }
  });

  it("reports every @opentelemetry/api version the workspace resolves, and a coherent exit code", async () => {
    const { run, report } = await doctorJson(["--cwd", PACKAGES]);
    const versions = new Set<string>();
    for (const name of workspaces) {
      try {
        versions.add(
          createRequire(join(PACKAGES, name, "package.json"))("@opentelemetry/api/package.json")
            .version,
        );
      } catch {
        // this package does not depend on the api
      }
    }
    const [finding] = findingsOf(report, "otel-api-copies");
    const listed = new Set(
      ((finding?.data?.app ?? []) as Array<{ version: string }>).map((c) => c.version),
    );
    for (const version of versions) expect(listed).toContain(version);
    const anyFail = report.checks.some((c) => c.status === "fail");
    expect(run.code).toBe(anyFail ? 1 : 0);
  });
});
