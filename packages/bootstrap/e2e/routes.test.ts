import { describe, expect, it } from "vitest";
import { appTrees, ecsTestbed, logtraceLines, startApp } from "./harness.js";

const bed = ecsTestbed("fargate-awslogs");
const appTree = appTrees();

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
      // The lean span set: no middleware, handler or request-context spans.
      const internal = bed.otlp.spans().filter((s) => s.traceId === span.traceId && s.kind === 1);
      expect(internal.map((s) => s.name)).toEqual([]);
      // Only what ships with the bootstrap: no catalogue from the repo's node_modules.
      const started = logtraceLines(bed.app).find((line) => line.includes("tracing started"));
      expect(started).toBeDefined();
      expect(started).not.toMatch(/\((app|auto-instrumentations-node)\)/u);
    },
  );
});
