import semver from "semver";
import { OTEL_API } from "../loggers.js";
import { copyData, describeCopy } from "../present.js";
import type { PackageCopy } from "../scan/installed-packages.js";
import type { CheckDefinition, Finding } from "../types.js";

/**
 * @opentelemetry/api keeps one global registration (tracer provider, context manager,
 * propagator). A copy reads it only when the majors match and its own minor is not higher than
 * the registering copy's minor (prereleases must match exactly); otherwise it gets no-ops.
 */
export function apiCanUseRegistration(reader: string, registrar: string): boolean | undefined {
  const own = semver.parse(reader);
  const registered = semver.parse(registrar);
  if (own === null || registered === null) return undefined;
  if (own.prerelease.length > 0 || registered.prerelease.length > 0) {
    return own.version === registered.version;
  }
  if (own.major !== registered.major) return false;
  if (own.major === 0) return own.minor === registered.minor && own.patch <= registered.patch;
  return own.minor <= registered.minor;
}

const RULE =
  "a copy of @opentelemetry/api whose minor is higher than the copy that registered the SDK gets no-op tracers and an empty context";
const CONSEQUENCE =
  "the app's own manual spans and trace.getActiveSpan() through it see nothing (auto-instrumented spans are unaffected); @logtrace adapters are unaffected: they read whichever copy registered";

/** Check 3: every copy of @opentelemetry/api, and whether they can share the SDK's registration. */
export const otelApiCopiesCheck: CheckDefinition = {
  id: "otel-api-copies",
  title: "Copies of @opentelemetry/api (the minor-version rule)",
  run(context) {
    const app = context.app.copies(OTEL_API);
    const agent = context.agent?.copies(OTEL_API) ?? [];
    if (app.length === 0 && agent.length === 0) {
      return [{ status: "skip", message: `no ${OTEL_API} installed` }];
    }
    const label = (copy: PackageCopy, origin: string) =>
      `${describeCopy(copy, context.cwd)} [${origin}]`;
    const listing = [
      ...agent.map((c) => label(c, "agent")),
      ...app.map((c) => label(c, "app")),
    ].join(", ");
    const data = {
      app: app.map(copyData),
      agent: agent.map(copyData),
      registrar: null as ReturnType<typeof copyData> | null,
      blind: [] as ReturnType<typeof copyData>[],
    };

    // With an agent, its SDK registers through its own copy: the first (top-level) one found.
    const registrar = agent[0];
    if (registrar) {
      data.registrar = copyData(registrar);
      const blind = app.filter(
        (copy) => apiCanUseRegistration(copy.version, registrar.version) === false,
      );
      data.blind = blind.map(copyData);
      if (blind.length === 0) {
        return [
          {
            status: "ok",
            message:
              app.length === 0
                ? `${listing}: the app has no copy of its own, so nothing can miss the agent's registration`
                : `${listing}: every app copy can use the registration of the agent's ${registrar.version}`,
            data,
          },
        ];
      }
      return [
        {
          status: "warn",
          message: `the agent registers with ${OTEL_API} ${registrar.version}, the app has ${blind.map((c) => describeCopy(c, context.cwd)).join(", ")}: ${RULE}; ${CONSEQUENCE}`,
          fix: `pin the app's ${OTEL_API} to ~${semver.major(registrar.version)}.${semver.minor(registrar.version)} (or use an agent built with the app's version)`,
          data,
        },
      ];
    }

    // Without an agent dir, whichever copy registers: the lowest minor is the safe one.
    const parsed = app.filter((copy) => semver.valid(copy.version) !== null);
    const lowest = parsed.reduce<PackageCopy | undefined>(
      (low, copy) => (low === undefined || semver.lt(copy.version, low.version) ? copy : low),
      undefined,
    );
    const blind = lowest
      ? app.filter((copy) => apiCanUseRegistration(copy.version, lowest.version) === false)
      : [];
    data.blind = blind.map(copyData);
    if (blind.length === 0) {
      return [{ status: "ok", message: `${listing}: all copies can share one registration`, data }];
    }
    const finding: Finding = {
      status: "warn",
      message: `${listing}: if a ${lowest?.version} copy registers the SDK, ${blind.map((c) => c.version).join(", ")} cannot see it: ${RULE}; ${CONSEQUENCE}`,
      fix: `dedupe ${OTEL_API} to one minor (npm dedupe / pnpm dedupe, or an override)`,
      data,
    };
    return [finding];
  },
};
