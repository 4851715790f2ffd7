import { expect, it } from "vitest";
import {
  exampleRouteProblems,
  expressPinoDir,
  pinoHttpLines,
  runExampleRoutes,
  taskMetadataFixture,
} from "../src/index.js";

it("every log line of every request carries that request's server-span trace, no secret leaks", async () => {
  const run = await runExampleRoutes({ cwd: expressPinoDir, reader: pinoHttpLines });

  const problems = exampleRouteProblems(run, {
    messages: {
      "/": ["fetched inventory", "request completed"],
      "/crash": [
        "Crash endpoint triggered - throwing exception",
        "Error occurred",
        "request errored",
      ],
    },
  });
  expect(problems).toEqual([]);
  expect(run.output).toContain("[Redacted]");

  // The preload named the container's FireLens log group on every span, as the console needs.
  const expectedGroups = taskMetadataFixture().expected.logGroupNames.join("&");
  expect(new Set(run.spans.map((span) => span.resource["aws.log.group.names"]))).toEqual(
    new Set([expectedGroups]),
  );
  expect(run.spans[0]?.resource["service.name"]).toBe("express-pino");

  for (const trace of run.report.traces) {
    expect(trace.serverSpan?.name).toBe(`GET ${trace.request.path}`);
    if (trace.request.path === "/") {
      // The downstream call joined the trace: a client span and the inventory's server span.
      expect(trace.spans.map((span) => span.kind)).toEqual(
        expect.arrayContaining(["SERVER", "CLIENT", "SERVER"]),
      );
    }
    if (trace.request.path === "/crash") {
      const errorLine = trace.lines.find((line) => line.msg === "Error occurred");
      expect((errorLine?.err as { message?: string } | undefined)?.message).toBe(
        "Application crash test - intentional exception",
      );
    }
  }
});
