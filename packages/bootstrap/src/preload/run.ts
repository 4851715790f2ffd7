import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  type Resolution,
  resolveAwsResourceAttributes,
  resolveAwsResourceAttributesSync,
} from "@logtrace/aws-resource";
import { createReport, type Report } from "../report.js";
import { load } from "../sdk/load.js";
import { startSdk } from "../sdk/start-sdk.js";
import { type BootstrapSettings, readSettings } from "../settings.js";
import { applyResolution } from "./apply-resolution.js";
import { claimProcess, RESOLVED_MARKER } from "./once-per-process.js";

export interface PreloadPlan {
  settings: BootstrapSettings;
  report: Report;
  /** False when the environment was already resolved by a parent process. */
  mustResolve: boolean;
}

/** Undefined when the preload must do nothing (disabled, worker thread, already started). */
export function planPreload(): PreloadPlan | undefined {
  const settings = readSettings(process.env);
  if (settings.disabled || !claimProcess()) return undefined;
  const report = createReport(settings.logLevel);
  const inherited = process.env[RESOLVED_MARKER];
  if (inherited) {
    report({
      level: "debug",
      message: `environment already resolved by a parent process (${inherited})`,
    });
  } else {
    // Said by the first process only, like the resolver's own lines.
    for (const message of settings.problems) report({ level: "warn", message });
  }
  return { settings, report, mustResolve: !inherited };
}

/** Returned by `startPreload` when the preload must wait for the ECS metadata. */
export const WAIT_FOR_METADATA = "wait-for-metadata";

/**
 * Decides whether the app waits for the metadata (ECS, or IMDS on EC2 with a CloudWatch agent
 * config). Off those (or with the environment inherited
 * from a parent) the resolution is synchronous. On ECS the environment must be final before the
 * app's first line when something reads it while loading: an agent (LOGTRACE_AGENT), the app's
 * own SDK (OTEL_SDK_DISABLED=true, the environment is then all we do), or — with `--import`,
 * which can await — anything at all, so there the order is always: environment, SDK, app. Only
 * a `--require` preload starting our SDK does not wait: a CommonJS preload could only block a
 * thread, so our SDK starts at once with a resource completed when the answer lands
 * (`finishPreloadLater`). Returns the agent to load next, if any, or WAIT_FOR_METADATA: each
 * flavour then waits its own way and calls `finishPreload`.
 */
export function startPreload(
  plan: PreloadPlan,
  flavour: { canAwait: boolean },
): { agent: string | undefined } | typeof WAIT_FOR_METADATA {
  if (!plan.mustResolve) return { agent: finishPreload(plan, undefined) };
  const now = resolveAwsResourceAttributesSync({ env: process.env });
  if (now) return { agent: finishPreload(plan, now) };
  if (flavour.canAwait || plan.settings.agent || sdkDisabled()) return WAIT_FOR_METADATA;
  finishPreloadLater(plan);
  return { agent: undefined };
}

/** After the environment is final: hand over to the agent, or start our SDK. */
export function finishPreload(plan: PreloadPlan, resolution: Resolution | undefined) {
  const { settings, report } = plan;
  if (resolution) applyResolution(resolution, report);
  if (settings.agent) return settings.agent;
  if (sdkDisabled()) {
    report(SDK_DISABLED_LINE);
    return undefined;
  }
  startSdk(process.env, settings, resolution?.resourceAttributes ?? {}, report);
  return undefined;
}

/**
 * Starts tracing now and reads the ECS metadata without holding the app up: the requests go out
 * once the app's synchronous start-up yields to the event loop, so that start-up does not eat
 * the timeout; the resource is completed and the environment updated when the answer lands.
 * Exports wait for it (bounded by the timeout).
 */
function finishPreloadLater(plan: PreloadPlan): void {
  const { settings, report } = plan;
  // Always settles, whatever happens: exports wait for it.
  const resolvedAttributes = new Promise<Record<string, string>>((done) => {
    setImmediate(() => {
      const before = process.env.OTEL_RESOURCE_ATTRIBUTES;
      const resolve = () =>
        resolveAwsResourceAttributes({ env: process.env, timeoutMs: settings.metadataTimeoutMs });
      new Promise<Resolution>((resolved) => resolved(untraced(resolve)))
        .then((resolution) => {
          applyResolution(resolution, report, { readFrom: before });
          done(resolution.resourceAttributes);
        })
        .catch((error: unknown) => {
          reportCrash(error, report);
          done({});
        });
    });
  });
  startSdk(process.env, settings, resolvedAttributes, report);
}

const sdkDisabled = () => process.env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true";
const SDK_DISABLED_LINE = {
  level: "info",
  message: "OTEL_SDK_DISABLED=true: environment set, tracing not started",
} as const;

/** Our own metadata requests must not become spans of the app (the http instrumentation is on). */
function untraced<T>(fn: () => T): T {
  const api = load("@opentelemetry/api") as typeof import("@opentelemetry/api");
  const core = load("@opentelemetry/core") as typeof import("@opentelemetry/core");
  return api.context.with(core.suppressTracing(api.context.active()), fn);
}

/** The agent module, resolved from the app (working directory), not from this package. */
export function resolveAgent(agent: string): string {
  return createRequire(join(process.cwd(), "noop.js")).resolve(agent);
}

export function agentUrl(agent: string): string {
  return pathToFileURL(resolveAgent(agent)).href;
}

/** The preload must never take the app down: anything unexpected is one line. */
export function reportCrash(error: unknown, report?: Report) {
  const message = `bootstrap failed, the app runs without it: ${(error as Error)?.stack?.split("\n")[0] ?? error}`;
  if (report) report({ level: "warn", message });
  else process.stderr.write(`[logtrace] warning: ${message}\n`);
}
