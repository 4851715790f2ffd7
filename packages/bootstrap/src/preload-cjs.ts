/**
 * `node --require @logtrace/bootstrap app.js` (and NODE_OPTIONS): starts tracing at once, with a
 * resource completed by this container's log groups when the ECS metadata answers, and updates
 * OTEL_RESOURCE_ATTRIBUTES then (see `startPreload`). With LOGTRACE_AGENT or OTEL_SDK_DISABLED
 * (something else reads the environment while it loads) the metadata is read first: a CommonJS
 * preload cannot await, so a worker thread reads it while this thread waits (bounded by
 * LOGTRACE_METADATA_TIMEOUT_MS), before the app's first line.
 */

import { unresolvedResolution } from "@logtrace/aws-resource";
import { resolveSync } from "./preload/resolve-sync.js";
import {
  finishPreload,
  planPreload,
  reportCrash,
  resolveAgent,
  startPreload,
  WAIT_FOR_METADATA,
} from "./preload/run.js";

let plan: ReturnType<typeof planPreload>;
try {
  plan = planPreload();
  if (plan) {
    const next = startPreload(plan, { canAwait: false });
    let agent: string | undefined;
    if (next === WAIT_FOR_METADATA) {
      const result = resolveSync(process.env, plan.settings.metadataTimeoutMs);
      agent = finishPreload(
        plan,
        typeof result === "string" ? unresolvedResolution(result, { env: process.env }) : result,
      );
    } else {
      agent = next.agent;
    }
    if (agent) require(resolveAgent(agent));
  }
} catch (error) {
  reportCrash(error, plan?.report);
}
