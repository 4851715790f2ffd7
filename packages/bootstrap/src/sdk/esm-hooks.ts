import { builtinModules } from "node:module";
import type { Report } from "../preload/report.js";
import { load } from "./load.js";

/**
 * Instrumentations patch CommonJS modules through require hooks, but an ESM app's `import`
 * bypasses those: import-in-the-middle's loader hook makes imported modules patchable. We use
 * its synchronous in-thread hooks (`module.registerHooks`, no loader thread to start) and only
 * for the modules we instrument, so every other import is left alone.
 */
export function registerEsmHooks(modules: string[], report: Report): void {
  if (modules.length === 0) return;
  // `node -e`/`-p`, the REPL and stdin scripts have no main file: with import-in-the-middle's
  // synchronous hooks, Node 24 then fails to load builtins there (ENOENT 'module'), which would
  // break health checks run with NODE_OPTIONS set. Such code imports nothing to instrument.
  if ((process as { _eval?: string })._eval !== undefined || !process.argv[1]) {
    report({ level: "debug", message: "no main module (eval/REPL): ESM hooks not registered" });
    return;
  }
  try {
    const hooks = load("import-in-the-middle/register-hooks.mjs") as {
      register(options: { include: string[] }): void;
      supportsSyncHooks(): boolean;
    };
    if (!hooks.supportsSyncHooks()) {
      report({
        level: "warn",
        message: `this Node.js (${process.version}) lacks synchronous module hooks: ESM imports are not instrumented (CommonJS ones are)`,
      });
      return;
    }
    const builtins = new Set(builtinModules);
    hooks.register({
      include: modules.flatMap((name) => (builtins.has(name) ? [name, `node:${name}`] : [name])),
    });
  } catch (error) {
    report({
      level: "warn",
      message: `ESM instrumentation hooks not registered: ${(error as Error).message}`,
    });
  }
}
