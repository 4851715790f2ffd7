import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Resolution } from "../resolver/resolve.js";
import { type BootstrapSettings, readSettings } from "../resolver/settings.js";
import { startSdk } from "../sdk/start-sdk.js";
import { applyResolution } from "./apply-resolution.js";
import { claimProcess, RESOLVED_MARKER } from "./once-per-process.js";
import { createReport, type Report } from "./report.js";

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
  }
  return { settings, report, mustResolve: !inherited };
}

/** After the environment is final: hand over to the agent, or start our SDK. */
export function finishPreload(plan: PreloadPlan, resolution: Resolution | undefined) {
  const { settings, report } = plan;
  if (resolution) applyResolution(resolution, report);
  if (settings.agent) return settings.agent;
  if (process.env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") {
    report({
      level: "info",
      message: "OTEL_SDK_DISABLED=true: environment set, tracing not started",
    });
    return undefined;
  }
  startSdk(process.env, settings, resolution?.resourceAttributes ?? {}, report);
  return undefined;
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
