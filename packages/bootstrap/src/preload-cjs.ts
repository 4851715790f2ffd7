/**
 * `node --require @logtrace/bootstrap app.js` (and NODE_OPTIONS). A CommonJS preload cannot
 * await, so:
 * - off ECS (or with the environment inherited from a parent), the resolution is synchronous;
 * - on ECS, tracing starts at once and the metadata is read while the app starts: the resource
 *   and OTEL_RESOURCE_ATTRIBUTES are completed when it answers (exports wait for it);
 * - with LOGTRACE_AGENT, which reads the environment while it loads, the metadata is read in a
 *   worker thread while this thread waits (bounded by LOGTRACE_METADATA_TIMEOUT_MS), then the
 *   agent is required: the environment is final before it and the app run.
 */

import { resolveSync } from "./preload/resolve-sync.js";
import {
  finishPreload,
  finishPreloadLater,
  planPreload,
  reportCrash,
  resolveAgent,
} from "./preload/run.js";
import {
  type Resolution,
  resolveEcsResourceAttributesSync,
  unresolvedResolution,
} from "./resolver/resolve.js";

let plan: ReturnType<typeof planPreload>;
try {
  plan = planPreload();
  if (plan) {
    const now = plan.mustResolve
      ? resolveEcsResourceAttributesSync({ env: process.env })
      : undefined;
    if (plan.mustResolve && !now && !plan.settings.agent) {
      finishPreloadLater(plan);
    } else {
      let resolution: Resolution | undefined = now;
      if (plan.mustResolve && !now) {
        const result = resolveSync(process.env, plan.settings.metadataTimeoutMs);
        resolution =
          typeof result === "string" ? unresolvedResolution(result, { env: process.env }) : result;
      }
      const agent = finishPreload(plan, resolution);
      if (agent) require(resolveAgent(agent));
    }
  }
} catch (error) {
  reportCrash(error, plan?.report);
}
