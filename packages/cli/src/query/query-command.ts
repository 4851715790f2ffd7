import { resolveAwsResourceAttributes } from "@logtrace/aws-resource";
import { DEFAULT_LOG_KEYS } from "@logtrace/core/internal";
import type { CliIo } from "../cli/io.js";
import { parseArguments } from "../cli/parse-arguments.js";
import { EXIT, UsageError } from "../cli/usage-error.js";
import {
  buildIndexPolicy,
  buildTraceQuery,
  type IndexPolicy,
  MAX_QUERY_LOG_GROUPS,
  regionOfArn,
  type TraceQuery,
} from "./insights-query.js";
import { chooseWindow, parseTimeArgument } from "./time-window.js";
import { parseTraceId } from "./trace-id.js";

export const QUERY_USAGE = `Usage: logtrace query <trace-id> [options]

Prints the CloudWatch Logs Insights query that finds one trace's log lines, the cheaper
filterIndex form, and a ready \`aws logs start-query\` command.

  <trace-id>              32 hex digits, the X-Ray form 1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx,
                          an X-Amzn-Trace-Id value (Root=1-…) or a W3C traceparent
  -g, --log-group NAME    log group name or ARN (repeatable); default: the groups
                          \`logtrace env\` resolves (aws.log.group.names/arns in
                          OTEL_RESOURCE_ATTRIBUTES, LOGTRACE_LOG_GROUP_NAMES, ECS metadata)
      --field NAME        log field holding the trace id (default: ${DEFAULT_LOG_KEYS.traceId})
      --start TIME        ISO date or Unix seconds (default: from the trace id's timestamp)
      --end TIME          ISO date or Unix seconds
      --region REGION     AWS region for the command (default: from an ARN, AWS_REGION)
      --index-policy      also print the field-index policy for the trace id field
      --json              one JSON object on stdout
`;

export const QUERY_SCHEMA = "logtrace.query/1";

/** What `logtrace query --json` prints (schema in docs/cli.md). */
export interface QueryResult extends TraceQuery {
  schema: typeof QUERY_SCHEMA;
  indexPolicy: IndexPolicy | null;
}

export async function queryCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArguments("query", argv, {
    "log-group": { type: "string", short: "g", multiple: true },
    field: { type: "string" },
    start: { type: "string" },
    end: { type: "string" },
    region: { type: "string" },
    "index-policy": { type: "boolean" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(QUERY_USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? "query: give one trace id (logtrace query 698c160176b2820f3142596543b58e08)"
        : `query: give exactly one trace id (got ${positionals.length})`,
    );
  }
  // Every argument is checked before anything is printed or looked up.
  const trace = parseTraceId(positionals[0] ?? "");
  const field = values.field ?? DEFAULT_LOG_KEYS.traceId;
  if (field.trim() === "" || field.includes("`")) {
    throw new UsageError(`query: --field ${JSON.stringify(field)} is not a usable field name`);
  }
  const window = chooseWindow({
    embeddedEpochSeconds: trace.embeddedEpochSeconds,
    now: io.now(),
    start: values.start === undefined ? undefined : parseTimeArgument("start", values.start),
    end: values.end === undefined ? undefined : parseTimeArgument("end", values.end),
  });
  const configured = values["log-group"] === undefined ? await configuredGroups(io) : undefined;
  const logGroups = values["log-group"] ?? configured?.groups ?? [];
  if (logGroups.length === 0) {
    io.stderr(
      "logtrace query: no log group given or configured (--log-group NAME); the command below says LOG_GROUP\n",
    );
  }
  if (logGroups.length > MAX_QUERY_LOG_GROUPS) {
    throw new UsageError(
      `query: StartQuery takes at most ${MAX_QUERY_LOG_GROUPS} log groups (got ${logGroups.length})`,
    );
  }
  if (window.basis === "last-24h") {
    io.stderr(
      "logtrace query: the trace id carries no X-Ray timestamp; querying the last 24 hours (narrow it with --start/--end)\n",
    );
  }
  const region =
    values.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? configured?.region;
  const query = buildTraceQuery({ trace, field, logGroups, window, region });
  const result: QueryResult = {
    schema: QUERY_SCHEMA,
    ...query,
    indexPolicy: values["index-policy"]
      ? buildIndexPolicy(field, query.logGroups, query.region)
      : null,
  };
  io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : renderQuery(result));
  return EXIT.ok;
}

/** The groups the bootstrap would use, resolved the same way (diagnostics to stderr). */
async function configuredGroups(io: CliIo): Promise<{ groups: string[]; region?: string }> {
  const resolution = await resolveAwsResourceAttributes({ env: io.env });
  for (const diagnostic of resolution.diagnostics) {
    if (diagnostic.level === "warn") io.stderr(`logtrace query: ${diagnostic.message}\n`);
  }
  const arns = resolution.logGroupArns;
  return {
    groups: resolution.logGroupNames.length > 0 ? resolution.logGroupNames : arns,
    region: arns.map(regionOfArn).find((r) => r !== undefined),
  };
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

const BASIS = {
  explicit: "as given",
  "trace-id-timestamp": "from the timestamp in the trace id: 5 min before to 1 h after",
  "last-24h": "the last 24 hours",
} as const;

export function renderQuery(result: QueryResult): string {
  const lines = [
    `# Trace ${result.traceId} (X-Ray ${result.xrayTraceId}), field ${result.field}`,
    `# Window ${iso(result.window.start)} .. ${iso(result.window.end)} (${BASIS[result.window.basis]})`,
    `# Log groups: ${result.logGroups.length > 0 ? result.logGroups.join(", ") : "none given"}`,
    "",
    "# Logs Insights query",
    result.query,
    "",
    result.fieldIndexedByDefault
      ? `# Cheaper: CloudWatch indexes ${result.field} by default, so filterIndex reads only matching events`
      : `# Cheaper, once the groups have a field index on ${result.field} (see --index-policy)`,
    result.indexedQuery,
    "",
    "# Run it, then: aws logs get-query-results --query-id <queryId>",
    result.startQuery.command,
  ];
  if (result.indexPolicy) {
    lines.push(
      "",
      `# Field-index policy for ${result.field}. put-index-policy REPLACES a group's policy: merge in`,
      "# fields it already indexes (aws logs describe-index-policies). Only events ingested after",
      "# the policy exists are indexed, and only in Standard-class log groups.",
      JSON.stringify(result.indexPolicy.document),
      ...result.indexPolicy.commands,
    );
  }
  return `${lines.join("\n")}\n`;
}
