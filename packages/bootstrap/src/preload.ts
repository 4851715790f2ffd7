/**
 * `node --import @logtrace/bootstrap app.js`: awaits this process's log groups from the ECS or
 * EC2 metadata (bounded by LOGTRACE_METADATA_TIMEOUT_MS), updates OTEL_RESOURCE_ATTRIBUTES, then
 * starts tracing or imports LOGTRACE_AGENT, all before the app's first line (see `startPreload`).
 */

import { resolveAwsResourceAttributes } from "@logtrace/aws-resource";
import {
  agentUrl,
  finishPreload,
  planPreload,
  reportCrash,
  startPreload,
  WAIT_FOR_METADATA,
} from "./preload/run.js";

const plan = (() => {
  try {
    return planPreload();
  } catch (error) {
    reportCrash(error);
    return undefined;
  }
})();

if (plan) {
  try {
    const next = startPreload(plan, { canAwait: true });
    const agent =
      next === WAIT_FOR_METADATA
        ? finishPreload(
            plan,
            await resolveAwsResourceAttributes({
              env: process.env,
              timeoutMs: plan.settings.metadataTimeoutMs,
            }),
          )
        : next.agent;
    if (agent) await import(agentUrl(agent));
  } catch (error) {
    reportCrash(error, plan.report);
  }
}
