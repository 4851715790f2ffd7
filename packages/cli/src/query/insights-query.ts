import { shellCommand } from "./shell-quote.js";
import type { TimeWindow } from "./time-window.js";
import type { ParsedTraceId } from "./trace-id.js";

/** StartQuery takes at most this many log groups. */
export const MAX_QUERY_LOG_GROUPS = 50;
/** Logs Insights returns at most 10,000 rows. */
const ROW_LIMIT = 10_000;
/** CloudWatch Logs indexes these fields in every Standard-class group without a policy (AWS docs). */
const DEFAULT_INDEXED_FIELDS = new Set([
  "@logStream",
  "@aws.region",
  "@aws.account",
  "@source.log",
  "@data_source_name",
  "@data_source_type",
  "@data_format",
  "traceId",
  "severityText",
  "attributes.session.id",
]);

export interface TraceQueryInput {
  trace: ParsedTraceId;
  /** The log field holding the 32-hex id (`trace_id` unless the adapters were told otherwise). */
  field: string;
  /** Names or ARNs. */
  logGroups: readonly string[];
  window: TimeWindow;
  region?: string;
}

export interface TraceQuery {
  traceId: string;
  xrayTraceId: string;
  field: string;
  logGroups: string[];
  region: string | null;
  window: TimeWindow;
  /** Plain Logs Insights query: scans every event of the groups in the window. */
  query: string;
  /** Same result, reading only events the field index says match. Needs an index on `field`. */
  indexedQuery: string;
  /** True when CloudWatch indexes `field` by default (no policy needed for `indexedQuery`). */
  fieldIndexedByDefault: boolean;
  /** `aws logs start-query …` as an argv and as one shell line. */
  startQuery: { argv: string[]; command: string };
}

/** Backticks a field name that Logs Insights would not read as a bare identifier. */
export function insightsField(field: string): string {
  return /^@?[A-Za-z_][A-Za-z0-9_.]*$/.test(field) ? field : `\`${field}\``;
}

/** StartQuery rejects an ARN that ends with `:*` (the form IAM policies and ECS metadata use). */
export function queryIdentifier(logGroup: string): string {
  return logGroup.endsWith(":*") ? logGroup.slice(0, -2) : logGroup;
}

export function regionOfArn(identifier: string): string | undefined {
  const parts = identifier.split(":");
  return parts[0] === "arn" && parts[3] ? parts[3] : undefined;
}

export function buildTraceQuery(input: TraceQueryInput): TraceQuery {
  const { trace, field, window } = input;
  const logGroups = [...new Set(input.logGroups.map(queryIdentifier))];
  const f = insightsField(field);
  const value = JSON.stringify(trace.traceId);
  const tail = `| sort @timestamp asc | limit ${ROW_LIMIT}`;
  const query = `fields @timestamp, @log, @message | filter ${f} = ${value} ${tail}`;
  const indexedQuery = `fields @timestamp, @log, @message | filterIndex ${f} = ${value} ${tail}`;
  const region = input.region ?? logGroups.map(regionOfArn).find((r) => r !== undefined) ?? null;

  const argv = ["aws", "logs", "start-query"];
  if (region) argv.push("--region", region);
  argv.push("--log-group-identifiers", ...(logGroups.length > 0 ? logGroups : ["LOG_GROUP"]));
  argv.push("--start-time", String(window.start), "--end-time", String(window.end));
  argv.push("--query-string", query);

  return {
    traceId: trace.traceId,
    xrayTraceId: trace.xrayTraceId,
    field,
    logGroups,
    region,
    window,
    query,
    indexedQuery,
    fieldIndexedByDefault: DEFAULT_INDEXED_FIELDS.has(field),
    startQuery: { argv, command: shellCommand(argv) },
  };
}

export interface IndexPolicy {
  /** The policy document `aws logs put-index-policy --policy-document` takes. */
  document: { Fields: string[] };
  /** One `aws logs put-index-policy …` per group. */
  commands: string[];
}

/** The field-index policy that makes `filterIndex <field> = "…"` cheap. */
export function buildIndexPolicy(
  field: string,
  logGroups: readonly string[],
  region: string | null,
): IndexPolicy {
  const document = { Fields: [field] };
  const targets = logGroups.length > 0 ? logGroups.map(queryIdentifier) : ["LOG_GROUP"];
  const commands = targets.map((group) =>
    shellCommand([
      "aws",
      "logs",
      "put-index-policy",
      ...(region ? ["--region", region] : []),
      "--log-group-identifier",
      group,
      "--policy-document",
      JSON.stringify(document),
    ]),
  );
  return { document, commands };
}
