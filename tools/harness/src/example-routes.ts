import { describeProblems, type LineReader } from "./correlation.js";
import { type LogRecord, messageOf } from "./example-process.js";
import { type TracedRun, type TracedRunOptions, tracedRun } from "./traced-run.js";

/** The routes every example serves (see each example's README), with the status each answers. */
export const EXAMPLE_ROUTES = { "/": 200, "/error": 500, "/crash": 500, "/health": 200 } as const;
export type ExamplePath = keyof typeof EXAMPLE_ROUTES;
export const EXAMPLE_PATHS = Object.keys(EXAMPLE_ROUTES) as ExamplePath[];

/** Runs an example under real tracing and requests every route, three times by default. */
export function runExampleRoutes(options: Omit<TracedRunOptions, "paths">): Promise<TracedRun> {
  return tracedRun({ repeat: 3, ...options, paths: EXAMPLE_PATHS });
}

/** Reads the request id from a top-level field of each line (`req_id`, `request_id`, …). */
export function requestIdField(key: string): LineReader {
  return {
    requestIdOf: (record: LogRecord) => {
      const id = record[key];
      return typeof id === "string" ? id : undefined;
    },
  };
}

export interface ExpectedMessages {
  /** The exact messages of a request's lines, per route. */
  readonly messages?: Partial<Record<ExamplePath, readonly string[]>>;
  /** The message of every request's last line. */
  readonly lastMessage?: string;
}

/**
 * What every example promises, as readable problems (none when kept): correlated lines, no secret
 * in the output, each route's status and its expected lines, plus the example's own messages.
 */
export function exampleRouteProblems(run: TracedRun, own: ExpectedMessages = {}): string[] {
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
    const path = trace.request.path as ExamplePath;
    const where = `${path} (trace ${trace.request.traceId})`;
    const messages = trace.lines.map(messageOf);
    const must = mustLog[path];
    if (must && !messages.includes(must)) problems.push(`${where} did not log "${must}"`);
    const exact = own.messages?.[path];
    if (exact && JSON.stringify(messages) !== JSON.stringify(exact)) {
      problems.push(
        `${where} logged ${JSON.stringify(messages)}, expected ${JSON.stringify(exact)}`,
      );
    }
    const last = own.lastMessage;
    if (last !== undefined && messages.at(-1) !== last) {
      problems.push(`${where} ended with "${messages.at(-1)}", expected "${last}"`);
    }
  }
  return problems;
}
