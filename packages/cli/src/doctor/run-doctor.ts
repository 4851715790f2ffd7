import { CHECKS } from "./checks/index.js";
import { scanInstalledPackages } from "./scan/installed-packages.js";
import {
  type CheckResult,
  DOCTOR_SCHEMA,
  type DoctorInputs,
  type DoctorReport,
  type Finding,
  type Status,
  worst,
} from "./types.js";

/** Runs every check against an app (and optionally an agent dir and a collector config). */
export async function runDoctor(inputs: DoctorInputs): Promise<DoctorReport> {
  const context = {
    ...inputs,
    app: scanInstalledPackages(inputs.cwd, { ancestors: true }),
    agent:
      inputs.agentDir === null ? null : scanInstalledPackages(inputs.agentDir, { sourceDepth: 1 }),
  };
  const checks: CheckResult[] = [];
  for (const [index, check] of CHECKS.entries()) {
    let findings: Finding[];
    try {
      findings = await check.run(context);
    } catch (error) {
      // One broken check must not hide the others' answers.
      findings = [
        {
          status: "warn",
          message: `this check could not run: ${error instanceof Error ? error.message : String(error)}`,
        },
      ];
    }
    checks.push({
      id: check.id,
      number: index + 1,
      title: check.title,
      status: worst(findings.map((f) => f.status)),
      findings,
    });
  }
  const summary: Record<Status, number> = { ok: 0, warn: 0, fail: 0, skip: 0 };
  for (const check of checks) for (const finding of check.findings) summary[finding.status]++;
  return {
    schema: DOCTOR_SCHEMA,
    cwd: inputs.cwd,
    agentDir: inputs.agentDir,
    collectorConfig: inputs.collectorConfig,
    summary,
    exitCode: summary.fail > 0 ? 1 : 0,
    checks,
  };
}
