import type { Resource } from "@opentelemetry/resources";
import type { Report } from "../report.js";
import { type Env, envList } from "./env.js";
import { load } from "./load.js";
import { PendingResource } from "./pending-resource.js";

type Resources = typeof import("@opentelemetry/resources");

/**
 * The resource as the Node SDK builds it (defaults, OTEL_NODE_RESOURCE_DETECTORS with the same
 * default `service,host,process`, then OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME), plus
 * what the resolver determined (all of it, also what could not be written into the variable),
 * below the user's own attributes. `resolved` still being read (the CommonJS preload does not
 * hold the app up for it) gives a resource completed when it lands; exports wait for that.
 */
export function createResource(
  env: Env,
  resolved: Record<string, string> | Promise<Record<string, string>>,
  report: Report,
): Resource {
  const resources = load("@opentelemetry/resources") as Resources;
  const detectorsByName: Record<string, Resources["hostDetector"][]> = {
    host: [resources.hostDetector, resources.osDetector],
    process: [resources.processDetector],
    service: [resources.serviceInstanceIdDetector],
  };
  let names = envList(env, "OTEL_NODE_RESOURCE_DETECTORS") ?? ["service", "host", "process"];
  if (names.includes("none")) names = [];
  if (names.includes("all")) names = Object.keys(detectorsByName);
  const detectors = names.flatMap((name) => {
    const found = detectorsByName[name];
    if (!found && name !== "env") {
      report({
        level: "debug",
        message: `OTEL_NODE_RESOURCE_DETECTORS "${name}" not available here`,
      });
    }
    return found ?? [];
  });
  const below = resources.defaultResource().merge(resources.detectResources({ detectors }));
  const user = resources.detectResources({
    detectors: [resources.resourceAttributesEnvDetector, resources.serviceNameEnvDetector],
  });
  const withResolved = (attributes: Record<string, string>) =>
    below.merge(resources.resourceFromAttributes(attributes)).merge(user);
  return resolved instanceof Promise
    ? new PendingResource(below.merge(user), resolved.then(withResolved))
    : withResolved(resolved);
}
