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
  typeof record.req_id === "string" ? record.req_id : undefined;

it("every bunyan line of every request carries that request's server-span trace", async () => {
  const run = await runExampleRoutes({
    cwd: exampleDir,
    reader: { requestIdOf },
    serviceName: "bunyan-orders",
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
      const error = trace.lines.find((line) => messageOf(line) === "Error occurred");
      expect((error?.err as { message?: string } | undefined)?.message).toBe(
        "Application crash test - intentional exception",
      );
    }
  }
});
