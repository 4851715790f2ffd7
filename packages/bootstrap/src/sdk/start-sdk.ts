import type { Report } from "../report.js";
import type { BootstrapSettings } from "../settings.js";
import { appDirectory, appHas, appModules } from "./app-modules.js";
import { LeanContextManager } from "./context-manager.js";
import { chooseInstrumentations, enableInstrumentations, hookedModules } from "./enabling.js";
import { type Env, envText } from "./env.js";
import { registerEsmHooks } from "./esm-hooks.js";
import { nameFastifyRoutes } from "./fastify-routes.js";
import { flushOnExit } from "./flush-on-exit.js";
import { load } from "./load.js";
import { resolveOptionalPeers } from "./optional-peers.js";
import { createPropagator } from "./propagator.js";
import { createResource } from "./resource.js";
import { createSampler } from "./sampler.js";
import { createSpanProcessors } from "./span-processors.js";
import { LeanTracerProvider } from "./tracer/lean-tracer.js";

type Api = typeof import("@opentelemetry/api");

/**
 * A lean equivalent of the Node SDK for traces, from the same OTEL_* variables: context manager,
 * propagator, tracer provider with the configured exporter and sampler, and the
 * instrumentations of the modules the app has. Metrics and logs are not started.
 */
export function startSdk(
  env: Env,
  settings: BootstrapSettings,
  resolvedAttributes: Record<string, string> | Promise<Record<string, string>>,
  report: Report,
): void {
  const api = load("@opentelemetry/api") as Api;
  const otelLogLevel = envText(env, "OTEL_LOG_LEVEL")?.toUpperCase();
  if (otelLogLevel && otelLogLevel in api.DiagLogLevel) {
    api.diag.setLogger(new api.DiagConsoleLogger(), {
      logLevel: api.DiagLogLevel[otelLogLevel as keyof typeof api.DiagLogLevel],
    });
  }

  const app = appModules(appDirectory());
  const peers = resolveOptionalPeers(env, app.dir);
  if ("missing" in peers) {
    report({ level: "warn", message: `${peers.missing}; tracing is off` });
    return;
  }
  const choice = chooseInstrumentations(env, settings, app, report);

  api.context.setGlobalContextManager(new LeanContextManager(api.ROOT_CONTEXT).enable());
  const propagator = createPropagator(env, report);
  if (propagator) api.propagation.setGlobalPropagator(propagator);

  const resource = createResource(env, resolvedAttributes, report);
  const pipeline = createSpanProcessors(env, report, peers.paths);
  const spanProcessors = pipeline.processors;
  if (spanProcessors.length > 0) {
    const provider = new LeanTracerProvider({
      resource,
      spanProcessors,
      sampler: createSampler(env, resource, report, peers.paths),
    });
    api.trace.setGlobalTracerProvider(provider);
    flushOnExit(pipeline.exit, settings.shutdownTimeoutMs, report);
  }
  // Constructing an instrumentation enables it (require hooks); the ESM loader hook is then
  // limited to the modules they declare. Both happen before the app's first import.
  const instrumentations = enableInstrumentations(choice.enabled, report, settings.spans);
  registerEsmHooks(hookedModules(instrumentations), report);
  const httpEnabled = choice.enabled.some(({ name }) => name === "http");
  if (httpEnabled && appHas("fastify", app)) nameFastifyRoutes();
  const names = choice.enabled.map(({ name, source }) =>
    source === "bootstrap" ? name : `${name} (${source})`,
  );
  report({
    level: "debug",
    message: `tracing started: ${settings.spans} span set, instrumentations ${names.join(", ") || "none"}`,
  });
}
