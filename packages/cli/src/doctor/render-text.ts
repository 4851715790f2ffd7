import type { DoctorReport, Status } from "./types.js";

export const SYMBOL: Record<Status, string> = { ok: "✓", warn: "⚠", fail: "✗", skip: "–" };

/** One line per finding under its check's heading, each fix on the line below it. */
export function renderDoctorText(report: DoctorReport): string {
  const lines = [`logtrace doctor: ${report.cwd}`];
  if (report.agentDir) lines.push(`  agent dir: ${report.agentDir}`);
  if (report.collectorConfig) lines.push(`  collector config: ${report.collectorConfig}`);
  for (const check of report.checks) {
    lines.push("", `${check.number}. ${check.title}`);
    for (const finding of check.findings) {
      lines.push(`  ${SYMBOL[finding.status]} ${finding.message}`);
      if (finding.fix) lines.push(`      fix: ${finding.fix}`);
    }
  }
  const { ok, warn, fail, skip } = report.summary;
  lines.push("", `${ok} ✓  ${warn} ⚠  ${fail} ✗  ${skip} –`);
  return `${lines.join("\n")}\n`;
}
