import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Tracer } from "@opentelemetry/api";
import { ownManifest } from "../catalogue.js";
import { load } from "../load.js";
import type { ForwardedParser } from "./incoming-attributes.js";
import { traceServerRequests } from "./server-spans.js";

const HTTP_INSTRUMENTATION = "@opentelemetry/instrumentation-http";

interface InstalledPackage {
  manifest: string;
  version: string;
}

function installed(packageName: string, requireFrom: string): InstalledPackage | undefined {
  let dir: string;
  try {
    dir = dirname(createRequire(requireFrom).resolve(packageName));
  } catch {
    return undefined;
  }
  for (; dirname(dir) !== dir; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    try {
      const { name, version } = JSON.parse(readFileSync(manifest, "utf8"));
      if (name === packageName) return { manifest, version };
    } catch {
      // No package.json here: keep going up.
    }
  }
  return undefined;
}

export interface OwnServerSpans {
  /** Options for the http instrumentation: it keeps client spans, we make server spans. */
  instrumentationConfig: { disableIncomingRequestInstrumentation: true };
  /** Starts them; returns what stops them. */
  start(tracer: Tracer): () => void;
}

/**
 * Server spans of our own, equal to the http instrumentation's (either span set: it has no
 * per-layer spans), when the copy the app gets (`requireFrom`) is the version the preload ships,
 * which they are tested against. Otherwise why not: the instrumentation makes them.
 */
export function ownServerSpans(requireFrom: string): OwnServerSpans | { notUsed: string } {
  const used = installed(HTTP_INSTRUMENTATION, requireFrom);
  const ours = installed(HTTP_INSTRUMENTATION, ownManifest());
  if (!used || used.version !== ours?.version) {
    return {
      notUsed: `the app's ${HTTP_INSTRUMENTATION} ${used?.version ?? "(unknown version)"} is not the preload's ${ours?.version}`,
    };
  }
  let parseForwarded: ForwardedParser;
  try {
    parseForwarded = createRequire(used.manifest)("forwarded-parse") as ForwardedParser;
  } catch (error) {
    return { notUsed: (error as Error).message };
  }
  return {
    instrumentationConfig: { disableIncomingRequestInstrumentation: true },
    start: (tracer) =>
      traceServerRequests({
        api: load("@opentelemetry/api"),
        core: load("@opentelemetry/core"),
        tracer,
        parseForwarded,
      }),
  };
}
