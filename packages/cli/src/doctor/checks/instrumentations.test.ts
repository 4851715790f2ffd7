import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT, removeTempDirs, tempDir, writeJson } from "../../testing/app-trees.testutil.js";
import { doctorJson, findingsOf } from "../../testing/run-cli.testutil.js";

afterAll(removeTempDirs);

/**
 * An app declaring `dependencies`, each installed (a package.json is all the doctor reads), with
 * the built @logtrace/bootstrap of this repo linked in as a package manager links it.
 */
function app(dependencies: string[], installed: string[] = dependencies, bootstrap = true) {
  const dir = tempDir("instrumentations");
  writeJson(join(dir, "package.json"), {
    name: "app",
    dependencies: Object.fromEntries(dependencies.map((name) => [name, "*"])),
  });
  for (const name of installed) {
    writeJson(join(dir, "node_modules", name, "package.json"), { name, version: "1.0.0" });
  }
  if (bootstrap) {
    mkdirSync(join(dir, "node_modules/@logtrace"), { recursive: true });
    symlinkSync(
      join(REPO_ROOT, "packages/bootstrap"),
      join(dir, "node_modules/@logtrace/bootstrap"),
      "dir",
    );
  }
  return dir;
}

const check = async (cwd: string) =>
  findingsOf((await doctorJson(["--cwd", cwd])).report, "instrumentations");

describe("doctor check 8: an instrumentation for each module the app declares", () => {
  it("names each module without one, with the install command", async () => {
    const findings = await check(app(["fastify", "cassandra-driver", "express", "lodash", "pino"]));
    expect(findings).toEqual([
      {
        status: "warn",
        message: "cassandra-driver: no instrumentation installed",
        fix: "npm install @opentelemetry/instrumentation-cassandra-driver",
        data: {
          module: "cassandra-driver",
          instrumentation: "@opentelemetry/instrumentation-cassandra-driver",
        },
      },
    ]);
  });

  it("does not ask for @fastify/otel: the preload names Fastify's routes itself", async () => {
    const findings = await check(app(["fastify", "express"]));
    expect(findings).toEqual([
      expect.objectContaining({ status: "ok", message: "instrumented: express, fastify" }),
    ]);
  });

  it("counts the bootstrap's own instrumentations and those the app installed", async () => {
    const findings = await check(
      app(
        ["@aws-sdk/client-s3", "pg", "cassandra-driver"],
        [
          "@aws-sdk/client-s3",
          "pg",
          "cassandra-driver",
          "@opentelemetry/instrumentation-cassandra-driver",
        ],
      ),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        status: "ok",
        message: "instrumented: @aws-sdk/client-s3, cassandra-driver, pg",
      }),
    ]);
  });

  it("is skipped, saying why, when the app has no @logtrace/bootstrap", async () => {
    const findings = await check(app(["fastify"], ["fastify"], false));
    expect(findings).toEqual([
      expect.objectContaining({
        status: "skip",
        message: expect.stringContaining("@logtrace/bootstrap"),
      }),
    ]);
  });
});
