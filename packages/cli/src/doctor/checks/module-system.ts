import { readFileSync } from "node:fs";
import { join } from "node:path";
import { adapterOf, LOGGERS } from "../loggers.js";
import { preloadsOf } from "../node-options.js";
import type { CheckDefinition, DoctorContext, Finding } from "../types.js";

export interface ModuleSystem {
  esm: boolean;
  /** Why: `"type": "module"`, or the entry's extension. */
  reason: string;
}

/** How Node loads the app's entry: by the entry's extension, else by the package's "type". */
export function moduleSystemOf(cwd: string): ModuleSystem | undefined {
  let manifest: { type?: unknown; main?: unknown; exports?: unknown };
  try {
    manifest = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8"));
  } catch {
    return undefined;
  }
  const exportsRoot = typeof manifest.exports === "string" ? manifest.exports : undefined;
  const entry = typeof manifest.main === "string" ? manifest.main : exportsRoot;
  if (entry?.endsWith(".mjs")) return { esm: true, reason: `entry ${entry} is .mjs` };
  if (entry?.endsWith(".cjs")) return { esm: false, reason: `entry ${entry} is .cjs` };
  return manifest.type === "module"
    ? { esm: true, reason: '"type": "module"' }
    : {
        esm: false,
        reason:
          manifest.type === undefined
            ? 'no "type" field'
            : `"type": ${JSON.stringify(manifest.type)}`,
      };
}

function loggersWithoutAdapter(context: DoctorContext): string[] {
  return LOGGERS.filter(
    (logger) =>
      context.app.copies(logger).length > 0 && context.app.copies(adapterOf(logger)).length === 0,
  );
}

/** Check 7: an ESM app whose agent is preloaded only with --require. */
export const moduleSystemCheck: CheckDefinition = {
  id: "module-system",
  title: "Module system vs. how the agent is preloaded (NODE_OPTIONS)",
  run(context): Finding[] {
    const system = moduleSystemOf(context.cwd);
    const preloads = preloadsOf(context.env.NODE_OPTIONS);
    const data = {
      esm: system?.esm ?? null,
      reason: system?.reason ?? null,
      nodeOptions: context.env.NODE_OPTIONS ?? null,
      preloads,
    };
    if (system === undefined) {
      return [{ status: "skip", message: `no readable package.json in ${context.cwd}`, data }];
    }
    if (preloads.require.length === 0 && preloads.import.length === 0) {
      return [
        {
          status: "skip",
          message: `${system.esm ? "ESM" : "CommonJS"} app (${system.reason}); NODE_OPTIONS preloads nothing, so there is no agent preload to judge (one started by \`node -r …\` in the command is not visible here)`,
          data,
        },
      ];
    }
    if (!system.esm) {
      return [
        {
          status: "ok",
          message: `CommonJS app (${system.reason}): the preloads (${[...preloads.require, ...preloads.import].join(", ")}) see every require()`,
          data,
        },
      ];
    }
    const missing = loggersWithoutAdapter(context);
    const adviceAdapters =
      missing.length > 0
        ? `use ${missing.map((logger) => adapterOf(logger as (typeof LOGGERS)[number])).join(", ")}: they add trace ids through the logger's options, so import or require makes no difference`
        : undefined;
    if (preloads.import.length === 0) {
      return [
        {
          status: missing.length > 0 ? "fail" : "warn",
          message: `ESM app (${system.reason}) with the agent preloaded only by --require (${preloads.require.join(", ")}): require hooks never see \`import\`, so loggers the app imports are not patched and their lines get no trace ids${missing.length > 0 ? ` (${missing.join(", ")} have no @logtrace adapter)` : "; the installed @logtrace adapters do not patch, so log correlation is fine"}`,
          fix:
            adviceAdapters ??
            "for the agent's other instrumentations of imported packages, also preload its ESM hook with --import",
          data,
        },
      ];
    }
    if (missing.length > 0) {
      return [
        {
          status: "warn",
          message: `ESM app (${system.reason}) with ESM hooks preloaded (${preloads.import.join(", ")}): patching imported modules depends on import-in-the-middle, which misses some loggers (measured: pino 10 imported from ESM got no trace ids under @opentelemetry/auto-instrumentations-node/register); ${missing.join(", ")} have no @logtrace adapter`,
          fix: adviceAdapters,
          data,
        },
      ];
    }
    return [
      {
        status: "ok",
        message: `ESM app (${system.reason}) with ESM hooks preloaded (${preloads.import.join(", ")}); the @logtrace adapters do not depend on patching`,
        data,
      },
    ];
  },
};
