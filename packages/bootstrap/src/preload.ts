/**
 * `node --import @logtrace/bootstrap app.js`: updates OTEL_RESOURCE_ATTRIBUTES with this
 * container's log groups and starts tracing, without holding the app up for the ECS metadata
 * (see `startPreload`); with LOGTRACE_AGENT, awaits the metadata (bounded by
 * LOGTRACE_METADATA_TIMEOUT_MS) and then imports the agent, before the app's first line.
 */
import {
  agentUrl,
  finishPreload,
  planPreload,
  reportCrash,
  startPreload,
  WAIT_FOR_METADATA,
} from "./preload/run.js";
import { resolveEcsResourceAttributes } from "./resolver/resolve.js";

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
    const next = startPreload(plan);
    const agent =
      next === WAIT_FOR_METADATA
        ? finishPreload(
            plan,
            await resolveEcsResourceAttributes({
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
