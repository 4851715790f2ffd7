import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSpansFile, type SpanRecord } from "./spans.js";

/** How an example is traced: the Node flags and environment to start it with, and its spans. */
export interface TracingSetup {
  nodeArgs: string[];
  env: Record<string, string>;
  /** Spans the example has exported so far. */
  spans(): SpanRecord[];
  close(): Promise<void>;
}

const preload = import.meta.resolve("@logtrace/examples-harness/tracing-preload");

/** The test preload: a real SDK with the http and express instrumentations, spans to a file. */
export async function startTracingSetup(): Promise<TracingSetup> {
  const dir = mkdtempSync(join(tmpdir(), "logtrace-spans-"));
  const file = join(dir, "spans.jsonl");
  return {
    nodeArgs: ["--import", preload],
    env: { LOGTRACE_SPANS_FILE: file },
    spans: () => readSpansFile(file),
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
