import { createRequire } from "node:module";
import type { Report } from "../report.js";
import type { SpanSet } from "../settings.js";
import { type AppModules, appHas } from "./app-modules.js";
import {
  type CatalogueEntry,
  INSTRUMENTATION_PREFIX,
  instrumentationCatalogue,
  targetModules,
} from "./catalogue.js";
import { type Env, envList } from "./env.js";
import { ownServerSpans } from "./http-server/own-server-spans.js";
import rules from "./instrumentation-rules.json" with { type: "json" };
import { load } from "./load.js";
import { routeOnlyTracerProvider } from "./route-only-tracer.js";

const ALWAYS = new Set(rules.always);
const OFF_BY_DEFAULT = new Set(rules.offByDefault);
const LOGGERS = new Set(rules.loggers);
const LEAN_CONFIG = rules.lean.config as Record<string, Record<string, unknown>>;
const ROUTE_ONLY = new Set(rules.lean.routeOnly);

export interface InstrumentationChoice {
  /** The chosen catalogue entries, by short name. */
  enabled: CatalogueEntry[];
}

export interface InstrumentationSettings {
  instrumentations: "installed" | "all";
  loggerInstrumentations: boolean;
}

/**
 * Which instrumentations to enable. Default: those whose module the app can load (and
 * http/undici, always), minus noisy/metric ones and logger ones. OTEL_NODE_ENABLED_INSTRUMENTATIONS
 * limits the set (names without the `@opentelemetry/instrumentation-` prefix, as the stock
 * package reads them), OTEL_NODE_DISABLED_INSTRUMENTATIONS removes from it.
 */
export function chooseInstrumentations(
  env: Env,
  settings: InstrumentationSettings,
  app: AppModules,
  report: Report,
): InstrumentationChoice {
  const catalogue = instrumentationCatalogue(app);
  const enabledFromEnv = envList(env, "OTEL_NODE_ENABLED_INSTRUMENTATIONS");
  const disabledFromEnv = new Set(envList(env, "OTEL_NODE_DISABLED_INSTRUMENTATIONS") ?? []);
  for (const name of enabledFromEnv ?? []) {
    if (!catalogue.has(name)) {
      report({
        level: "warn",
        message: `instrumentation "${name}" in OTEL_NODE_ENABLED_INSTRUMENTATIONS is not installed (npm install ${INSTRUMENTATION_PREFIX}${name})`,
      });
    }
  }
  const explicitlyEnabled = new Set(enabledFromEnv ?? []);
  const enabled = [...catalogue.values()].filter(({ name }) => {
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
  setTracerProvider?(provider: import("@opentelemetry/api").TracerProvider): void;
  /** InstrumentationBase's (protected in its types): the tracer of its provider and scope. */
  tracer?: import("@opentelemetry/api").Tracer;
};

/** The options an instrumentation is constructed with: its own defaults in the full set. */
export function instrumentationConfig(name: string, spans: SpanSet): object | undefined {
  const lean = LEAN_CONFIG[name];
  return spans === "lean" && lean ? structuredClone(lean) : undefined;
}

/** The modules the instrumentations hook, as they declare them (for the ESM loader hook). */
export function hookedModules(instances: InstrumentationInstance[]): string[] {
  const names = instances.flatMap((instance) =>
    (instance.getModuleDefinitions?.() ?? []).map((definition) => definition.name),
  );
  return [...new Set(names)];
}

/**
 * Loads, then constructs (which enables) each chosen instrumentation, each from where the
 * catalogue found it, with the options of the span set; a failure is one line. All are loaded before the first is enabled: an
 * enabled instrumentation hooks `require`, which would slow down loading the others.
 */
export function enableInstrumentations(
  enabled: CatalogueEntry[],
  report: Report,
  spans: SpanSet,
): InstrumentationInstance[] {
  const notEnabled = (name: string, error: unknown) =>
    report({
      level: "warn",
      message: `instrumentation ${name} not enabled: ${(error as Error).message}`,
    });
  const classes = enabled.flatMap(({ name, packageName, requireFrom }) => {
    try {
      const exports = createRequire(requireFrom)(packageName) as Record<string, unknown>;
      const Instrumentation = Object.entries(exports).find(
        ([key, value]) => typeof value === "function" && key.endsWith("Instrumentation"),
      )?.[1] as (new (config?: object) => InstrumentationInstance) | undefined;
      if (!Instrumentation) throw new Error("no *Instrumentation class exported");
      return [{ name, requireFrom, Instrumentation }];
    } catch (error) {
      notEnabled(name, error);
      return [];
    }
  });
  let routeOnly: import("@opentelemetry/api").TracerProvider | undefined;
  return classes.flatMap(({ name, requireFrom, Instrumentation }) => {
    try {
      const config = instrumentationConfig(name, spans);
      const server = name === "http" ? ownServerSpans(requireFrom) : undefined;
      if (server && "notUsed" in server) {
        report({
          level: "debug",
          message: `server spans by instrumentation-http: ${server.notUsed}`,
        });
      }
      const own = server && "start" in server ? server : undefined;
      const instance = new Instrumentation(
        own ? { ...config, ...own.instrumentationConfig } : config,
      );
      if (own) {
        // The version check above means its InstrumentationBase has the tracer.
        const stop = own.start(instance.tracer as import("@opentelemetry/api").Tracer);
        const disable = instance.disable.bind(instance);
        instance.disable = () => {
          stop();
          disable();
        };
        report({ level: "debug", message: "server spans by the preload" });
      }
      if (spans === "lean" && ROUTE_ONLY.has(name)) {
        routeOnly ??= routeOnlyTracerProvider(load("@opentelemetry/api"));
        instance.setTracerProvider?.(routeOnly);
      }
      return [instance];
    } catch (error) {
      notEnabled(name, error);
      return [];
    }
  });
}
