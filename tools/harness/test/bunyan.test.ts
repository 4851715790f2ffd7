import { expect, it } from "vitest";
import {
  exampleDir,
  exampleRouteProblems,
  messageOf,
  requestIdField,
  runExampleRoutes,
} from "../src/index.js";

it("every bunyan line of every request carries that request's server-span trace", async () => {
  const run = await runExampleRoutes({
    cwd: exampleDir("bunyan"),
    reader: requestIdField("req_id"),
    serviceName: "bunyan-orders",
  });

  const crash = ["Crash endpoint triggered - throwing exception", "Error occurred"];
  const problems = exampleRouteProblems(run, {
    messages: {
      "/": ["fetched inventory", "request completed"],
      "/crash": [...crash, "request completed"],
    },
    lastMessage: "request completed",
  });
  expect(problems).toEqual([]);
  const errorLines = run.records.filter((line) => messageOf(line) === "Error occurred");
  expect(errorLines.map((line) => (line.err as { message?: string } | undefined)?.message)).toEqual(
    Array(3).fill("Application crash test - intentional exception"),
  );
});
