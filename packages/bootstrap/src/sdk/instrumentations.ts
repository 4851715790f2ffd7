import { existsSync, readFileSync, realpathSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { dirname, join, parse } from "node:path";
import type { Report } from "../preload/report.js";
import { type Env, envList } from "./env.js";
import { load } from "./load.js";

/**
 * The instrumentation catalogue is `@opentelemetry/auto-instrumentations-node`'s own dependency
 * list (read from its package.json, never imported): no hand-kept list of packages here. What we
 * add is which module each instrumentation patches, when that is not its own suffix.
 */
const AUTO = "@opentelemetry/auto-instrumentations-node";
const PREFIX = "@opentelemetry/instrumentation-";

/** Modules whose presence turns an instrumentation on, where that is not the package suffix. */
const TARGETS: Record<string, string[]> = {
  "aws-sdk": ["@aws-sdk/", "aws-sdk"],
  "nestjs-core": ["@nestjs/core"],
  hapi: ["@hapi/hapi"],
  cucumber: ["@cucumber/cucumber"],
  grpc: ["@grpc/grpc-js"],
  redis: ["redis", "@redis/client"],
  http: ["http", "https"],
};
/** Always wanted: node:http, and undici, which is Node's global fetch. */
const ALWAYS = new Set(["http", "undici"]);
/** Off unless named in OTEL_NODE_ENABLED_INSTRUMENTATIONS (or LOGTRACE_INSTRUMENTATIONS=all). */
const OFF_BY_DEFAULT = new Set([
  "fs", // a span per file operation
  "dns", // and per lookup
  "net", // and per socket: noise next to http
  "host-metrics", // metrics, not traces
  "runtime-node", // metrics, not traces
  "aws-lambda", // not a container
]);
/** Our adapters correlate logs without patching; LOGTRACE_LOGGER_INSTRUMENTATIONS=true opts in. */
const LOGGERS = new Set(["pino", "winston", "bunyan"]);

export interface InstrumentationChoice {
  /** Short names (package suffixes), e.g. `http`, `express`. */
  enabled: string[];
}

export interface InstrumentationSettings {
  instrumentations: "installed" | "all";
  loggerInstrumentations: boolean;
}

function autoInstrumentationsDir(): string {
  return join(dirname(load.resolve(AUTO)), "..");
}

/** Every instrumentation short name the auto-instrumentations package depends on. */
export function instrumentationCatalogue(): string[] {
  const manifest = JSON.parse(
    readFileSync(join(autoInstrumentationsDir(), "package.json"), "utf8"),
  );
  return Object.keys(manifest.dependencies ?? {})
    .filter((name) => name.startsWith(PREFIX))
    .map((name) => name.slice(PREFIX.length))
    .sort();
}

export function targetModules(shortName: string): string[] {
  return TARGETS[shortName] ?? [shortName];
}

const BUILTINS = new Set(builtinModules);

/** Modules the app declares: the nearest package.json above the app, all dependency fields. */
export interface AppModules {
  declared: Set<string> | undefined;
  dir: string;
}

export function appModules(appDir: string): AppModules {
  let dir = appDir;
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        const json = JSON.parse(readFileSync(manifest, "utf8"));
        const declared = new Set<string>();
        for (const field of ["dependencies", "optionalDependencies", "devDependencies"]) {
          for (const name of Object.keys(json[field] ?? {})) declared.add(name);
        }
        return { declared, dir: appDir };
      } catch {
        return { declared: undefined, dir: appDir };
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return { declared: undefined, dir: appDir };
    dir = parent;
  }
}

/**
 * True when the app has `name` (a module name, or a scope prefix ending in `/`): declared in its
 * package.json AND present in a node_modules above it, found without loading anything. Being
 * merely present is not enough: this package's own dependencies (gRPC, the AWS SDK under ADOT…)
 * sit in the same flat node_modules. Without a package.json, presence decides.
 */
export function appHas(name: string, app: AppModules): boolean {
  const bare = name.startsWith("node:") ? name.slice(5) : name;
  if (BUILTINS.has(bare)) return true;
  const candidates = name.endsWith("/")
    ? [...(app.declared ?? [])].filter((declared) => declared.startsWith(name))
    : app.declared === undefined || app.declared.has(name)
      ? [name]
      : [];
  return candidates.some((candidate) => isPresent(candidate, app.dir));
}

function isPresent(name: string, fromDir: string): boolean {
  let dir = fromDir;
  const { root } = parse(dir);
  for (;;) {
    if (existsSync(join(dir, "node_modules", name, "package.json"))) return true;
    if (dir === root) return false;
    dir = dirname(dir);
  }
}

/** Where the app lives: the main script's directory, else the working directory. */
export function appDirectory(): string {
  const main = process.argv[1];
  if (main) {
    try {
      return dirname(realpathSync(main));
    } catch {
      // `node -e`, a REPL, or a main that is not a file.
    }
  }
  return process.cwd();
}

/**
 * Which instrumentations to enable. Default: those whose module is installed for the app (and
 * http/undici, always), minus noisy/metric ones and logger ones. OTEL_NODE_ENABLED_INSTRUMENTATIONS
 * limits the set (names without the `@opentelemetry/instrumentation-` prefix, as the stock
 * package reads them), OTEL_NODE_DISABLED_INSTRUMENTATIONS removes from it.
 */
export function chooseInstrumentations(
  env: Env,
  settings: InstrumentationSettings,
  appDir: string,
  report: Report,
): InstrumentationChoice {
  const app = appModules(appDir);
  const catalogue = instrumentationCatalogue();
  const enabledFromEnv = envList(env, "OTEL_NODE_ENABLED_INSTRUMENTATIONS");
  const disabledFromEnv = new Set(envList(env, "OTEL_NODE_DISABLED_INSTRUMENTATIONS") ?? []);
  for (const name of [...(enabledFromEnv ?? []), ...disabledFromEnv]) {
    if (!catalogue.includes(name)) {
      report({
        level: "warn",
        message: `unknown instrumentation "${name}" in OTEL_NODE_*_INSTRUMENTATIONS`,
      });
    }
  }
  const explicitlyEnabled = new Set(enabledFromEnv ?? []);
  const enabled = catalogue.filter((name) => {
    if (disabledFromEnv.has(name)) return false;
    if (explicitlyEnabled.has(name)) return true;
    if (enabledFromEnv) return false;
    if (LOGGERS.has(name)) return settings.loggerInstrumentations;
    if (OFF_BY_DEFAULT.has(name)) return false;
    if (settings.instrumentations === "all" || ALWAYS.has(name)) return true;
    return targetModules(name).some((module) => appHas(module, app));
  });
  return { enabled };
}

type InstrumentationInstance = {
  disable(): void;
  getModuleDefinitions?(): Array<{ name: string }>;
};

/** The modules the instrumentations hook, as they declare them (for the ESM loader hook). */
export function hookedModules(instances: InstrumentationInstance[]): string[] {
  const names = instances.flatMap((instance) =>
    (instance.getModuleDefinitions?.() ?? []).map((definition) => definition.name),
  );
  return [...new Set(names)];
}

/**
 * Loads, then constructs (which enables) each chosen instrumentation; a failure is one line.
 * All are loaded before the first is enabled: an enabled instrumentation hooks `require`, which
 * would slow down loading the others (about 25 ms here).
 */
export function enableInstrumentations(
  enabled: string[],
  report: Report,
): InstrumentationInstance[] {
  const fromAuto = createRequire(join(autoInstrumentationsDir(), "package.json"));
  const notEnabled = (name: string, error: unknown) =>
    report({
      level: "warn",
      message: `instrumentation ${name} not enabled: ${(error as Error).message}`,
    });
  const classes = enabled.flatMap((name) => {
    try {
      const exports = fromAuto(`${PREFIX}${name}`) as Record<string, unknown>;
      const Instrumentation = Object.entries(exports).find(
        ([key, value]) => typeof value === "function" && key.endsWith("Instrumentation"),
      )?.[1] as (new () => InstrumentationInstance) | undefined;
      if (!Instrumentation) throw new Error("no *Instrumentation class exported");
      return [{ name, Instrumentation }];
    } catch (error) {
      notEnabled(name, error);
      return [];
    }
  });
  return classes.flatMap(({ name, Instrumentation }) => {
    try {
      return [new Instrumentation()];
    } catch (error) {
      notEnabled(name, error);
      return [];
    }
  });
}
