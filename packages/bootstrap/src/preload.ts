/**
 * `node --import @logtrace/bootstrap app.js`: resolves this container's log groups (awaiting the
 * metadata, bounded by LOGTRACE_METADATA_TIMEOUT_MS) before the app's first line, updates
 * OTEL_RESOURCE_ATTRIBUTES, then starts tracing or loads LOGTRACE_AGENT.
 */
import { agentUrl, finishPreload, planPreload, reportCrash } from "./preload/run.js";
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
    const resolution = plan.mustResolve
      ? await resolveEcsResourceAttributes({
          env: process.env,
          timeoutMs: plan.settings.metadataTimeoutMs,
        })
      : undefined;
    const agent = finishPreload(plan, resolution);
    if (agent) await import(agentUrl(agent));
  } catch (error) {
    reportCrash(error, plan.report);
  }
}
