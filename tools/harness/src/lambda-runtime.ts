// A Lambda execution environment in one Node process, started by lambda-invoke.ts: the tracing
// the ADOT Lambda layer sets up with its default instrumentations (the real aws-lambda
// instrumentation on a real SDK; no logger instrumentation), then the handler loaded and called as
// the Node.js runtime does. Invocations come on stdin, the report goes to fd 3, stdout is the
// function's own output. Run directly by Node (type stripping), so it imports packages only.
import { statSync, writeSync } from "node:fs";
import { register } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { AwsLambdaInstrumentation } from "@opentelemetry/instrumentation-aws-lambda";
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from "@opentelemetry/sdk-trace";

const REPORT_FD = 3;
const KINDS = ["INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"];

interface Invocation {
  event: unknown;
  context: Record<string, unknown> & { awsRequestId: string; timeoutMs: number };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** `dir/file.fn` under the task root: the file with the first extension that exists, and `fn`. */
function handlerLocation(taskRoot: string, handler: string): { file: string; exportName: string } {
  const match = /^(.*?)([^/.]+)\.([^/]+)$/.exec(handler);
  if (!match) throw new Error(`_HANDLER is not "path/module.function": ${handler}`);
  const base = resolve(taskRoot, `${match[1]}${match[2]}`);
  const file = [".js", ".mjs", ".cjs"]
    .map((extension) => `${base}${extension}`)
    .find((candidate) => statSync(candidate, { throwIfNoEntry: false })?.isFile());
  if (!file) throw new Error(`no ${base}.js, .mjs or .cjs for _HANDLER ${handler}`);
  return { file, exportName: match[3] as string };
}

function lambdaContext(fields: Invocation["context"]) {
  const deadline = Date.now() + fields.timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    ...fields,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

function spanRecord(span: ReadableSpan) {
  return {
    name: span.name,
    kind: KINDS[span.kind] ?? String(span.kind),
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    traceFlags: span.spanContext().traceFlags,
    parentSpanId: span.parentSpanContext?.spanId,
    attributes: span.attributes,
  };
}

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return text;
}

// The ESM loader hook first, as the layer's wrapper does: the handler is an ES module, and the
// instrumentation can only wrap its export through import-in-the-middle.
register("@opentelemetry/instrumentation/hook.mjs", import.meta.url);

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
trace.setGlobalTracerProvider(provider);
// Reads LAMBDA_TASK_ROOT and _HANDLER, and hooks that file.
registerInstrumentations({ instrumentations: [new AwsLambdaInstrumentation()] });

const taskRoot = required("LAMBDA_TASK_ROOT");
const { file, exportName } = handlerLocation(taskRoot, required("_HANDLER"));
const invocations = JSON.parse(await readStdin()) as Invocation[];
const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
const handler = module[exportName];
if (typeof handler !== "function") throw new Error(`${file} exports no function ${exportName}`);

const results: { value?: unknown; error?: string }[] = [];
for (const invocation of invocations) {
  try {
    results.push({ value: await handler(invocation.event, lambdaContext(invocation.context)) });
  } catch (error) {
    results.push({ error: error instanceof Error ? error.message : String(error) });
  }
}
await provider.forceFlush();
const report = JSON.stringify({
  results,
  spans: exporter.getFinishedSpans().map(spanRecord),
  // Whether the instrumentation wrapped the export (it keeps the original as __original).
  wrapped: typeof (handler as { __original?: unknown }).__original === "function",
});
writeSync(REPORT_FD, report);
