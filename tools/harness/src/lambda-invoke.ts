import { spawn } from "node:child_process";
import { once } from "node:events";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { LogRecord } from "./example-process.js";

/** One event for the function, with the fields of the runtime's context object that vary. */
export interface LambdaInvocation {
  event: unknown;
  awsRequestId: string;
}

export interface LambdaFunction {
  /** The deployment package's root (LAMBDA_TASK_ROOT), with its node_modules. */
  taskRoot: string;
  /** `_HANDLER`: `path/module.export`, relative to the task root. */
  handler: string;
  /** Default `orders`. */
  functionName?: string;
  /** More of the function's environment (the Lambda variables are set already). */
  env?: Record<string, string>;
}

/** A finished span of the run, as the SDK holds it. */
export interface LambdaSpan {
  name: string;
  kind: string;
  traceId: string;
  spanId: string;
  traceFlags: number;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
}

export interface LambdaRun {
  /** Every JSON line the function wrote to stdout. */
  records: LogRecord[];
  spans: LambdaSpan[];
  /** What each invocation returned, or the message it threw. */
  results: { value?: unknown; error?: string }[];
  /** Whether the aws-lambda instrumentation wrapped the handler. */
  wrapped: boolean;
  /** Everything written to stdout and stderr. */
  output: string;
}

const RUNTIME = fileURLToPath(new URL("../src/lambda-runtime.ts", import.meta.url));
const REGION = "us-east-1";
const ACCOUNT = "123456789012";
/** Variables of the caller's shell that would change how the function is traced. */
const NOT_PASSED = /^(OTEL_|LOGTRACE_|AWS_|LAMBDA_|_HANDLER$|NODE_OPTIONS$)/;

function lambdaEnvironment(fn: LambdaFunction, functionName: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!NOT_PASSED.test(name)) env[name] = value;
  }
  return {
    ...env,
    AWS_EXECUTION_ENV: "AWS_Lambda_nodejs24.x",
    AWS_REGION: REGION,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "512",
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: "2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef",
    LAMBDA_TASK_ROOT: fn.taskRoot,
    _HANDLER: fn.handler,
    ...fn.env,
  };
}

async function collect(stream: Readable): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += chunk;
  return text;
}

/**
 * Starts a Lambda execution environment for `fn` (lambda-runtime.ts: the ADOT layer's default
 * tracing, the handler loaded as the Node.js runtime loads it), sends it `invocations` one after
 * another, and returns its lines, spans and results once it exits.
 */
export async function invokeLambda(
  fn: LambdaFunction,
  invocations: LambdaInvocation[],
  timeoutMs = 30_000,
): Promise<LambdaRun> {
  const functionName = fn.functionName ?? "orders";
  const child = spawn(process.execPath, [RUNTIME], {
    cwd: fn.taskRoot,
    env: lambdaEnvironment(fn, functionName),
    stdio: ["pipe", "pipe", "pipe", "pipe"],
  });
  const exited = once(child, "close") as Promise<[number | null, NodeJS.Signals | null]>;
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const context = (awsRequestId: string) => ({
    awsRequestId,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: "512",
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef",
    timeoutMs: 3_000,
  });
  child.stdin.end(
    JSON.stringify(
      invocations.map(({ event, awsRequestId }) => ({ event, context: context(awsRequestId) })),
    ),
  );
  const [stdout, stderr, report] = await Promise.all([
    collect(child.stdout.setEncoding("utf8")),
    collect(child.stderr.setEncoding("utf8")),
    collect((child.stdio[3] as Readable).setEncoding("utf8")),
  ]);
  const [code, signal] = await exited;
  clearTimeout(timer);
  const output = `${stdout}${stderr}`;
  if (code !== 0 || report === "") {
    throw new Error(`the Lambda runtime exited (${code ?? signal}) without a report:\n${output}`);
  }
  const records = stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogRecord);
  return { records, output, ...(JSON.parse(report) as Omit<LambdaRun, "records" | "output">) };
}
