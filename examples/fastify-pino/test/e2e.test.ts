import { fileURLToPath } from "node:url";
import { exampleRouteProblems, type LogRecord, runExampleRoutes } from "@logtrace/examples-harness";
import { expect, it } from "vitest";

const exampleDir = fileURLToPath(new URL("..", import.meta.url));
const requestIdOf = (record: LogRecord) =>
  typeof record.reqId === "string" ? record.reqId : undefined;

it("every line Fastify writes for a request carries that request's server-span trace", async () => {
  const run = await runExampleRoutes({
    cwd: exampleDir,
    reader: { requestIdOf },
    serviceName: "fastify-pino",
  });

  expect(exampleRouteProblems(run)).toEqual([]);

  for (const trace of run.report.traces) {
    const messages = trace.lines.map((line) => line.msg);
    expect(messages[0]).toBe("incoming request");
    expect(messages.at(-1)).toBe("request completed");
    if (trace.request.path === "/") expect(messages).toContain("fetched inventory");
    if (trace.request.path === "/crash") {
      expect(messages).toContain("Crash endpoint triggered - throwing exception");
      expect(messages).toContain("Application crash test - intentional exception");
    }
  }
});
