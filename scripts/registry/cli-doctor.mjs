// Step 3: `npx @logtrace/cli doctor --json` in the copied Express app, the CLI fetched from the
// registry by npx as a user's would be; the doctor must find the app's logger and its adapter.
import { run } from "./processes.mjs";
import { peerWarningsOf } from "./temp-app.mjs";

const DOCTOR_TIMEOUT_MS = 180_000;

/** Problems with the doctor's report on an app that uses `logger` with `adapter@version`. */
export function doctorProblems(result, { logger, adapter, version }) {
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    return [`no JSON report on stdout:\n${result.output}`];
  }
  if (report.schema !== "logtrace.doctor/1") return [`unexpected schema ${report.schema}`];
  const findings = report.checks.find((check) => check.id === "logtrace-adapters")?.findings ?? [];
  const finding = findings.find((f) => f.data?.logger === logger);
  if (finding?.status !== "ok") {
    return [`logtrace-adapters for ${logger}: ${JSON.stringify(finding ?? findings)}`];
  }
  const found = (finding.data.adapters ?? []).some(
    (copy) => copy.name === adapter && copy.version === version,
  );
  return found ? [] : [`${adapter}@${version} not among ${JSON.stringify(finding.data.adapters)}`];
}

/** Runs step 3. Returns `{ problems, install }` (npx's install, for the peer-warning check). */
export async function checkCliDoctor({ appDir, env, expected }) {
  const result = await run("npx", ["--yes", "@logtrace/cli", "doctor", "--json"], {
    cwd: appDir,
    env,
    timeoutMs: DOCTOR_TIMEOUT_MS,
  });
  const install = { what: "npx @logtrace/cli", ...result, peerWarnings: peerWarningsOf(result) };
  // Exit code 1 only says some check found a ✗ (none of this step's business); 2 is misuse.
  if (result.code !== 0 && result.code !== 1) return { problems: [result.output], install };
  return { problems: doctorProblems(result, expected), install };
}
