// The registry test's report: one ✓/✗ line per check, the size table, then the output of each
// failure, and a closing "N passed, N failed" line.

const MAX_OUTPUT_CHARS = 6_000;

function trimmed(text) {
  return text.length <= MAX_OUTPUT_CHARS ? text : `…${text.slice(-MAX_OUTPUT_CHARS)}`;
}

function sizeTable(rows) {
  const header = ["installed (npm install, node_modules apparent size)", "MiB", "× stock"];
  const lines = [header, ...rows.map((row) => [row.label, row.mib, row.ratio])];
  const widths = header.map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  return lines
    .map((line) =>
      line
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
        )
        .join("  "),
    )
    .join("\n");
}

/** Prints the report; returns whether anything failed. */
export function printReport({ steps, sizeRows, seconds }) {
  const lines = [];
  const failures = [];
  let passed = 0;
  for (const step of steps) {
    if (step.skipped) {
      lines.push(`– ${step.name}: skipped (${step.skipped})`);
      continue;
    }
    lines.push(
      step.seconds === undefined ? step.name : `${step.name} (${step.seconds.toFixed(0)} s)`,
    );
    for (const check of step.checks) {
      const ok = check.problems.length === 0;
      lines.push(`  ${ok ? "✓" : "✗"} ${check.name}`);
      if (ok) passed++;
      else failures.push(`✗ ${step.name}: ${check.name}\n${trimmed(check.problems.join("\n"))}`);
    }
  }
  if (sizeRows.length > 0) lines.push("", sizeTable(sizeRows));
  if (failures.length > 0) lines.push("", "Failures:", "", failures.join("\n\n"));
  lines.push(
    "",
    `registry test: ${seconds.toFixed(0)} s`,
    `${passed} passed, ${failures.length} failed`,
  );
  console.log(lines.join("\n"));
  return failures.length > 0;
}
