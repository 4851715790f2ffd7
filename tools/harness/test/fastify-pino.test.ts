import { expect, it } from "vitest";
import {
  exampleDir,
  exampleRouteProblems,
  messageOf,
  requestIdField,
  runExampleRoutes,
} from "../src/index.js";

it("every line Fastify writes for a request carries that request's server-span trace", async () => {
  const run = await runExampleRoutes({
    cwd: exampleDir("fastify-pino"),
    reader: requestIdField("reqId"),
    serviceName: "fastify-pino",
  });

  expect(exampleRouteProblems(run, { lastMessage: "request completed" })).toEqual([]);
  for (const trace of run.report.traces) {
    const messages = trace.lines.map(messageOf);
    expect(messages[0]).toBe("incoming request");
    // Fastify logs the thrown error itself, under its own message.
    if (trace.request.path === "/crash") {
      expect(messages).toContain("Application crash test - intentional exception");
    }
  }
});
