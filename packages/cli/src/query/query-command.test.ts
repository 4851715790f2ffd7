import { spawnSync } from "node:child_process";
import { ecsFixtures } from "@logtrace/testkit";
import { fakeEcsMetadataPerTest } from "@logtrace/testkit/per-test";
import { describe, expect, it } from "vitest";
import { cli } from "../testing/run-cli.testutil.js";
import type { QueryResult } from "./query-command.js";

const HEX = "698c160176b2820f3142596543b58e08";
const XRAY = "1-698c1601-76b2820f3142596543b58e08";
const TRACE_START = 0x698c1601; // 2026-02-11T05:39:13Z, the log line's time in the field report
const NOW = new Date("2026-02-12T00:00:00Z");
const GROUP = "EcsNativeBlueGreenStack-FirelensConstructFirelensLogGroupD186C82F-wTQ4890Mp8e9";

const metadata = fakeEcsMetadataPerTest();

async function queryJson(argv: string[], env: Record<string, string | undefined> = {}) {
  const run = await cli(["query", "--json", ...argv], { env, now: NOW });
  expect(run.code, run.stderr).toBe(0);
  return { run, result: JSON.parse(run.stdout) as QueryResult };
}

/** The argv a POSIX shell makes of a command line. */
function shellArgv(command: string): string[] {
  const script = `f() { for a in "$@"; do printf '%s\\0' "$a"; done; }; f ${command}`;
  const out = spawnSync("sh", ["-c", script], { encoding: "utf8" });
  return out.stdout.split("\0").slice(0, -1);
}

describe("logtrace query", () => {
  it("builds the Logs Insights query, its filterIndex form and a start-query command", async () => {
    const { result } = await queryJson([HEX, "--log-group", GROUP]);
    expect(result.query).toBe(
      `fields @timestamp, @log, @message | filter trace_id = "${HEX}" | sort @timestamp asc | limit 10000`,
    );
    expect(result.indexedQuery).toBe(
      `fields @timestamp, @log, @message | filterIndex trace_id = "${HEX}" | sort @timestamp asc | limit 10000`,
    );
    expect(result.window).toEqual({
      start: TRACE_START - 300,
      end: TRACE_START + 3600,
      basis: "trace-id-timestamp",
    });
    expect(result.startQuery.argv).toEqual([
      "aws",
      "logs",
      "start-query",
      "--log-group-identifiers",
      GROUP,
      "--start-time",
      String(TRACE_START - 300),
      "--end-time",
      String(TRACE_START + 3600),
      "--query-string",
      result.query,
    ]);
    expect(shellArgv(result.startQuery.command)).toEqual(result.startQuery.argv);
    expect(result.indexPolicy).toBeNull();
  });

  it("gives the same answer for the X-Ray form and for 32 hex, and the same JSON every time", async () => {
    const a = await queryJson([XRAY, "-g", GROUP]);
    const b = await queryJson([HEX, "-g", GROUP]);
    expect(a.run.stdout).toBe(b.run.stdout);
  });

  it("prints text a person can paste from: the query, the indexed query and the command", async () => {
    const run = await cli(["query", XRAY, "-g", GROUP], { now: NOW });
    const { result } = await queryJson([XRAY, "-g", GROUP]);
    const lines = run.stdout.split("\n");
    for (const line of [result.query, result.indexedQuery, result.startQuery.command])
      expect(lines).toContain(line);
    expect(run.stdout).toContain("# Window 2026-02-11T05:34:13Z .. 2026-02-11T06:39:13Z");
    expect(run.stderr).toBe("");
  });

  it("with --index-policy: the policy document and one put-index-policy per group", async () => {
    const { result } = await queryJson([HEX, "-g", GROUP, "-g", "other-group", "--index-policy"]);
    expect(result.indexPolicy?.document).toEqual({ Fields: ["trace_id"] });
    expect(result.indexPolicy?.commands.map(shellArgv)).toEqual(
      [GROUP, "other-group"].map((group) => [
        "aws",
        "logs",
        "put-index-policy",
        "--log-group-identifier",
        group,
        "--policy-document",
        '{"Fields":["trace_id"]}',
      ]),
    );
    const text = await cli(["query", HEX, "-g", GROUP, "--index-policy"], { now: NOW });
    expect(text.stdout).toContain("REPLACES a group's policy");
  });

  it("takes the groups from OTEL_RESOURCE_ATTRIBUTES, ARNs included (`:*` dropped, region from the ARN)", async () => {
    const arn = "arn:aws:logs:us-east-1:111122223333:log-group:app-logs:*";
    const { result } = await queryJson([HEX], {
      OTEL_RESOURCE_ATTRIBUTES: `aws.log.group.arns=${arn}`,
    });
    expect(result.logGroups).toEqual(["arn:aws:logs:us-east-1:111122223333:log-group:app-logs"]);
    expect(result.region).toBe("us-east-1");
    expect(result.startQuery.argv.slice(3, 5)).toEqual(["--region", "us-east-1"]);
    const names = await queryJson([HEX], {
      OTEL_RESOURCE_ATTRIBUTES: "aws.log.group.names=a-logs&b-logs",
    });
    expect(names.result.logGroups).toEqual(["a-logs", "b-logs"]);
  });

  it("falls back to this container's groups from the ECS metadata, as the bootstrap would", async () => {
    const server = await metadata({ fixture: "fargate-awslogs" });
    const { result } = await queryJson([HEX], server.env);
    expect(result.logGroups).toEqual(ecsFixtures["fargate-awslogs"].expected.logGroupNames);
  });

  it("with no group anywhere: still prints, with LOG_GROUP in the command and a note on stderr", async () => {
    const { run, result } = await queryJson([HEX]);
    expect(result.logGroups).toEqual([]);
    expect(result.startQuery.argv).toContain("LOG_GROUP");
    expect(run.stderr).toContain("no log group given or configured");
  });

  it("queries the last 24 hours when the id carries no plausible X-Ray timestamp", async () => {
    const random = "ffffffff76b2820f3142596543b58e08"; // 2106: not a trace start
    const { run, result } = await queryJson([random, "-g", GROUP]);
    const now = NOW.getTime() / 1000;
    expect(result.window).toEqual({ start: now - 86400, end: now, basis: "last-24h" });
    expect(run.stderr).toContain("no X-Ray timestamp");
  });

  it("takes an explicit window, and refuses an empty one", async () => {
    const { result } = await queryJson([
      HEX,
      "-g",
      GROUP,
      "--start",
      "2026-02-11T05:00:00Z",
      "--end",
      "1770790000",
    ]);
    expect(result.window).toEqual({ start: 1770786000, end: 1770790000, basis: "explicit" });
    const run = await cli(["query", HEX, "--start", "1770790000", "--end", "1770786000"], {
      now: NOW,
    });
    expect(run.code).toBe(2);
  });

  it("uses another field when told; traceId is indexed by default, odd names are backticked", async () => {
    const { result } = await queryJson([HEX, "-g", GROUP, "--field", "traceId"]);
    expect(result.fieldIndexedByDefault).toBe(true);
    expect(result.query).toContain(`filter traceId = "${HEX}"`);
    const odd = await queryJson([HEX, "-g", GROUP, "--field", "trace-id"]);
    expect(odd.result.query).toContain("filter `trace-id` =");
    expect(odd.result.fieldIndexedByDefault).toBe(false);
  });

  it("exits 2 on bad input, with one stderr line and nothing on stdout", async () => {
    const many = Array.from({ length: 51 }, (_, i) => ["-g", `g${i}`]).flat();
    for (const argv of [
      ["query"],
      ["query", HEX, HEX],
      ["query", "1-698c1601-76b2820f"],
      ["query", "not-a-trace"],
      ["query", HEX, "--field", ""],
      ["query", HEX, "--start", "yesterday-ish"],
      ["query", HEX, "--frobnicate"],
      ["query", HEX, ...many],
    ]) {
      const run = await cli(argv, { now: NOW });
      expect(run.code, argv.join(" ")).toBe(2);
      expect(run.stdout, argv.join(" ")).toBe("");
      expect(run.stderr.trim().split("\n"), argv.join(" ")).toHaveLength(1);
      expect(run.stderr).toMatch(/^logtrace: /);
    }
  });
});
