import { describeProblems } from "./correlation.js";
import { messageOf } from "./example-process.js";
import { type TracedRun, type TracedRunOptions, tracedRun } from "./traced-run.js";

/** The routes every example serves (see each example's README), with the status each answers. */
export const EXAMPLE_ROUTES = { "/": 200, "/error": 500, "/crash": 500, "/health": 200 } as const;
export type ExamplePath = keyof typeof EXAMPLE_ROUTES;
export const EXAMPLE_PATHS = Object.keys(EXAMPLE_ROUTES) as ExamplePath[];

/** Runs an example under real tracing and requests every route, three times by default. */
export function runExampleRoutes(options: Omit<TracedRunOptions, "paths">): Promise<TracedRun> {
  return tracedRun({ repeat: 3, ...options, paths: EXAMPLE_PATHS });
}

/**
 * What every example promises, as readable problems (none when all is kept): each log line
 * carries its own request's trace, no cookie or token reaches the output, each route answers its
 * status, `/` logs the downstream inventory call and `/crash` logs the crash.
 */
export function exampleRouteProblems(run: TracedRun): string[] {
  const problems: string[] = [];
  if (run.report.problems.length > 0) {
    problems.push(`log lines not correlated:\n${describeProblems(run.report.problems)}`);
  }
  for (const secret of run.leakedSecrets) problems.push(`secret in the output: ${secret}`);
  for (const request of run.requests) {
    const expected = EXAMPLE_ROUTES[request.path as ExamplePath];
    if (request.status !== expected) {
      problems.push(`${request.path} answered ${request.status}, expected ${expected}`);
    }
  }
  const mustLog: Partial<Record<ExamplePath, string>> = {
    "/": "fetched inventory",
    "/crash": "Crash endpoint triggered - throwing exception",
  };
  for (const trace of run.report.traces) {
    const expected = mustLog[trace.request.path as ExamplePath];
    if (expected && !trace.lines.map(messageOf).includes(expected)) {
      problems.push(
        `${trace.request.path} (trace ${trace.request.traceId}) did not log "${expected}"`,
      );
    }
  }
  return problems;
}
