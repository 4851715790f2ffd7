import { fileURLToPath } from "node:url";
import { exampleRouteProblems, requestIdField, runExampleRoutes } from "@logtrace/examples-harness";
import { expect, it } from "vitest";

it("every winston line of every request carries that request's server-span trace", async () => {
  const run = await runExampleRoutes({
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    reader: requestIdField("request_id"),
    serviceName: "express-winston",
  });

  const completed = "request completed";
  const problems = exampleRouteProblems(run, {
    messages: {
      "/": ["fetched inventory", completed],
      "/crash": ["Crash endpoint triggered - throwing exception", "Error occurred", completed],
    },
    lastMessage: completed,
  });
  expect(problems).toEqual([]);
});
