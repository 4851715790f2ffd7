/**
 * `node --require @logtrace/bootstrap app.js` (and NODE_OPTIONS): a CommonJS preload cannot
 * await, so the metadata is read in a worker thread while this thread waits (bounded by
 * LOGTRACE_METADATA_TIMEOUT_MS); then OTEL_RESOURCE_ATTRIBUTES is updated and tracing starts or
 * LOGTRACE_AGENT is required, all before the app's first line.
 */

import { resolveSync } from "./preload/resolve-sync.js";
import { finishPreload, planPreload, reportCrash, resolveAgent } from "./preload/run.js";
import {
  type Resolution,
  resolveEcsResourceAttributesSync,
  unresolvedResolution,
} from "./resolver/resolve.js";

let plan: ReturnType<typeof planPreload>;
try {
  plan = planPreload();
  if (plan) {
    let resolution: Resolution | undefined;
    if (plan.mustResolve) {
      // Without metadata to read, the resolution is synchronous: no worker thread.
      const result =
        resolveEcsResourceAttributesSync({ env: process.env }) ??
        resolveSync(process.env, plan.settings.metadataTimeoutMs);
      resolution =
        typeof result === "string" ? unresolvedResolution(result, { env: process.env }) : result;
    }
    const agent = finishPreload(plan, resolution);
    if (agent) require(resolveAgent(agent));
  }
} catch (error) {
  reportCrash(error, plan?.report);
}
