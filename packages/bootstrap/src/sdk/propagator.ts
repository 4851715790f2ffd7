import type { TextMapPropagator } from "@opentelemetry/api";
import type { Report } from "../report.js";
import { type Env, envList } from "./env.js";
import { load } from "./load.js";

type Core = typeof import("@opentelemetry/core");

/**
 * OTEL_PROPAGATORS (default `tracecontext,baggage`): tracecontext, baggage, b3, b3multi, xray,
 * none. Only the named propagator packages are loaded. Null means "register none".
 */
export function createPropagator(env: Env, report: Report): TextMapPropagator | null {
  const names = [...new Set(envList(env, "OTEL_PROPAGATORS") ?? ["tracecontext", "baggage"])];
  if (names.includes("none")) return null;
  const core = load("@opentelemetry/core") as Core;
  const factories: Record<string, () => TextMapPropagator> = {
    tracecontext: () => new core.W3CTraceContextPropagator(),
    baggage: () => new core.W3CBaggagePropagator(),
    b3: () => new (load("@opentelemetry/propagator-b3").B3Propagator)(),
    b3multi: () => {
      const b3 = load("@opentelemetry/propagator-b3");
      return new b3.B3Propagator({ injectEncoding: b3.B3InjectEncoding.MULTI_HEADER });
    },
    xray: () => new (load("@opentelemetry/propagator-aws-xray").AWSXRayPropagator)(),
  };
  const propagators: TextMapPropagator[] = [];
  for (const name of names) {
    const create = factories[name];
    if (create) propagators.push(create());
    else report({ level: "warn", message: `OTEL_PROPAGATORS "${name}" unknown; ignored` });
  }
  if (propagators.length === 0) return null;
  return propagators.length === 1
    ? (propagators[0] as TextMapPropagator)
    : new core.CompositePropagator({ propagators });
}
