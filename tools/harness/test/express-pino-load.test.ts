// A short run of the load test in `npm test`; `pnpm run test:load` runs the full 10 000 requests.

import { expect, it } from "vitest";
import {
  describeProblems,
  EXPRESS_PINO_LOAD_PATHS,
  expressPinoDir,
  pinoHttpLines,
  runLoadTest,
} from "../src/index.js";

it("1 000 requests, 100 at a time, through nested async work: every line has its own trace", async () => {
  const result = await runLoadTest({
    cwd: expressPinoDir,
    count: 1_000,
    concurrency: 100,
    paths: EXPRESS_PINO_LOAD_PATHS,
    reader: pinoHttpLines,
    deadlineMs: 50_000,
  });
  const { report } = result;
  expect(report.problems, describeProblems(report.problems)).toEqual([]);
  // Per request: / and /error log one line and the response line, /crash two and the response
  // line, /health the response line only.
  expect(report.lineCount).toBe(700 * 2 + 100 * 2 + 100 * 3 + 100 * 1);
  expect(result.statuses).toEqual({
    "GET / 200": 700,
    "GET /error 500": 100,
    "GET /crash 500": 100,
    "GET /health 200": 100,
  });
});
