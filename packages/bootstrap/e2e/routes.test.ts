import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { APPS_DIR, E2E_DIR, ecsTestbed, logtraceLines, startApp } from "./harness.js";

const bed = ecsTestbed("fargate-awslogs");
const BOOTSTRAP_DIR = dirname(E2E_DIR);
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/**
 * An app outside the repo (whose node_modules would offer everything): its package.json declares
 * `dependencies`, its node_modules links to them (and to the bootstrap and the API) as pnpm does.
 */
async function appTree(entry: string, dependencies: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "logtrace-routes-"));
  made.push(dir);
  await writeFile(
    join(dir, "package.json"),
    JSON.stringify({
      name: "app",
      private: true,
      dependencies: Object.fromEntries(dependencies.map((name) => [name, "*"])),
    }),
  );
  const linked = [...dependencies, "@opentelemetry/api"];
  for (const name of linked) {
    const target = realpathSync(join(BOOTSTRAP_DIR, "node_modules", name));
    mkdirSync(dirname(join(dir, "node_modules", name)), { recursive: true });
    symlinkSync(target, join(dir, "node_modules", name), "dir");
  }
  mkdirSync(join(dir, "node_modules/@logtrace"), { recursive: true });
  symlinkSync(BOOTSTRAP_DIR, join(dir, "node_modules/@logtrace/bootstrap"), "dir");
  copyFileSync(join(APPS_DIR, "routes", entry), join(dir, entry));
  return join(dir, entry);
}

describe.each([
  [
    "Fastify 5 (no instrumentation: its diagnostics channel names the route)",
    "fastify-app.cjs",
    ["fastify"],
  ],
  [
    "NestJS declaring only @nestjs/* (express comes with its platform)",
    "nest-app.cjs",
    ["@nestjs/core", "@nestjs/common", "@nestjs/platform-express", "reflect-metadata", "rxjs"],
  ],
])("%s", (_title, entry, dependencies) => {
  it.each(["--import", "--require"])(
    "node %s @logtrace/bootstrap: the server span is named GET /users/:id with http.route",
    async (flag) => {
      bed.app = await startApp({
        app: await appTree(entry, dependencies),
        preload: [flag, "@logtrace/bootstrap"],
        env: {
          ...bed.metadata.env,
          ...bed.otlp.env,
          OTEL_BSP_SCHEDULE_DELAY: "50",
          LOGTRACE_LOG_LEVEL: "debug",
        },
      });
      expect(await bed.app.get("/users/42")).toEqual({ id: "42" });
      const span = await bed.otlp.waitForSpan(
        (candidate) => candidate.kind === 2 && candidate.attributes["url.path"] === "/users/42",
      );
      expect(span.name).toBe("GET /users/:id");
      expect(span.attributes["http.route"]).toBe("/users/:id");
      // Only what ships with the bootstrap: no catalogue from the repo's node_modules.
      const started = logtraceLines(bed.app).find((line) => line.includes("tracing started"));
      expect(started).toBeDefined();
      expect(started).not.toMatch(/\((app|auto-instrumentations-node)\)/u);
    },
  );
});
