import { fileURLToPath } from "node:url";
import {
  exampleRouteProblems,
  type LogRecord,
  messageOf,
  runExampleRoutes,
} from "@logtrace/examples-harness";
import { expect, it } from "vitest";

const exampleDir = fileURLToPath(new URL("..", import.meta.url));
const requestIdOf = (record: LogRecord) =>
  typeof record.request_id === "string" ? record.request_id : undefined;

it("every winston line of every request carries that request's server-span trace", async () => {
  const run = await runExampleRoutes({
    cwd: exampleDir,
    reader: { requestIdOf },
    serviceName: "express-winston",
  });

  expect(exampleRouteProblems(run)).toEqual([]);

  for (const trace of run.report.traces) {
    const messages = trace.lines.map(messageOf);
    expect(messages.at(-1)).toBe("request completed");
    if (trace.request.path === "/")
      expect(messages).toEqual(["fetched inventory", "request completed"]);
    if (trace.request.path === "/crash") {
      expect(messages).toEqual([
        "Crash endpoint triggered - throwing exception",
        "Error occurred",
        "request completed",
      ]);
    }
  }
});
