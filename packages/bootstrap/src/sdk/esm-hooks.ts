import { builtinModules, registerHooks } from "node:module";
import type { Report } from "../report.js";
import { load } from "./load.js";

type IitmHooks = { register(options: { include: string[] }): void; supportsSyncHooks(): boolean };

/**
 * Instrumentations patch CommonJS modules through require hooks, but an ESM `import` bypasses
 * those: import-in-the-middle's loader hook makes imported modules patchable. We use its
 * synchronous in-thread hooks (`module.registerHooks`, no loader thread to start), only for the
 * modules we instrument, and only once an ES module that names one of them is loaded:
 * import-in-the-middle (with its ESM parser) costs 1–3 MiB and 20 ms, which a CommonJS app does
 * not need, even when a dependency of it ships an unrelated `.mjs` file (express 5 does). The
 * imports of that ES module are resolved after it is loaded, so they are hooked. Naming is a
 * string literal: a false positive (`"http"` as a mere string) only loads the hooks early; an
 * import whose specifier is computed at run time, before any ES module names it literally,
 * would be missed.
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
  if (typeof registerHooks !== "function") {
    reportNoSyncHooks(report);
    return;
  }
  const named = namesAnyOf(modules);
  const firstEsModule = registerHooks({
    load(url, context, nextLoad) {
      const loaded = nextLoad(url, context);
      // `module`, and `module-typescript` for type-stripped .ts/.mts files.
      if (
        typeof loaded.format === "string" &&
        loaded.format.startsWith("module") &&
        loaded.source != null &&
        named.test(
          typeof loaded.source === "string"
            ? loaded.source
            : new TextDecoder().decode(loaded.source),
        )
      ) {
        firstEsModule.deregister();
        registerImportInTheMiddle(modules, report);
      }
      return loaded;
    },
  });
}

/** A string literal naming one of the modules (or a subpath of it), `node:` prefix allowed. */
function namesAnyOf(modules: string[]): RegExp {
  const names = modules.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/gu, "\\$&"));
  return new RegExp(`["'\`](?:node:)?(?:${names.join("|")})(?:/[^"'\`]*)?["'\`]`, "u");
}

function registerImportInTheMiddle(modules: string[], report: Report): void {
  try {
    const hooks = load("import-in-the-middle/register-hooks.mjs") as IitmHooks;
    if (!hooks.supportsSyncHooks()) {
      reportNoSyncHooks(report);
      return;
    }
    const builtins = new Set(builtinModules);
    hooks.register({
      include: modules.flatMap((name) => (builtins.has(name) ? [name, `node:${name}`] : [name])),
    });
    report({ level: "debug", message: `first ES module loaded: ESM instrumentation hooks on` });
  } catch (error) {
    report({
      level: "warn",
      message: `ESM instrumentation hooks not registered: ${(error as Error).message}`,
    });
  }
}

function reportNoSyncHooks(report: Report): void {
  report({
    level: "warn",
    message: `this Node.js (${process.version}) lacks synchronous module hooks: ESM imports are not instrumented (CommonJS ones are)`,
  });
}
