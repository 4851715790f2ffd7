import { expect, it } from "vitest";
import {
  exampleDir,
  exampleRouteProblems,
  requestIdField,
  runExampleRoutes,
} from "../src/index.js";

it("every winston line of every request carries that request's server-span trace", async () => {
  const run = await runExampleRoutes({
    cwd: exampleDir("express-winston"),
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
