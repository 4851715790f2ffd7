// `npm run test:load`: 10 000 requests at concurrency 100 against the Express example on loopback,
// under real tracing, each request with its own trace; fails unless every log line carries its
// own request's trace id. Prints the figures.
import {
  describeProblems,
  EXPRESS_PINO_LOAD_PATHS,
  expressPinoDir,
  pinoHttpLines,
  runLoadTest,
} from "../tools/harness/dist/index.js";

const count = 10_000;
const concurrency = 100;
const result = await runLoadTest({
  cwd: expressPinoDir,
  count,
  concurrency,
  paths: EXPRESS_PINO_LOAD_PATHS,
  reader: pinoHttpLines,
  deadlineMs: 240_000,
});
const { report } = result;
const figures = {
  requests: count,
  concurrency,
  seconds: Number((result.durationMs / 1000).toFixed(1)),
  requestsPerSecond: Math.round(result.requestsPerSecond),
  logLines: report.lineCount,
  spans: result.spans,
  ...report.counts,
  statuses: result.statuses,
};
console.log(JSON.stringify(figures, null, 2));
if (report.problems.length > 0) {
  console.error(`NOT correlated:\n${describeProblems(report.problems)}`);
  process.exit(1);
}
console.log(
  `${report.lineCount} log lines of ${count} requests: 0 with a wrong or missing trace id.`,
);
