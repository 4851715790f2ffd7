// Lines written without trace fields, said once per process as a Node warning (so `--no-warnings`
// applies).

const shown = new Set<string>();

function warnOnce(code: string, message: string): void {
  if (shown.has(code)) return;
  shown.add(code);
  try {
    process.emitWarning(message, { code });
  } catch {
    // A diagnostic never breaks a log call.
  }
}

export const diagnostics = {
  /** A record that bypassed defaultMeta: profile(), startTimer().done(), write(), replaced defaultMeta. */
  noCapture(): void {
    warnOnce(
      "LOGTRACE_WINSTON_NO_CAPTURE",
      "@logtrace/winston: a line came without the span capture made at each log call, so it has no trace fields: winston writes logger.profile() and startTimer().done() lines without defaultMeta, and assigning logger.defaultMeta drops the capture (see the README, 'Known limits').",
    );
  },
  /** A record carrying an earlier call's capture, copied in from an object logged before. */
  usedCapture(): void {
    warnOnce(
      "LOGTRACE_WINSTON_USED_CAPTURE",
      "@logtrace/winston: a line carried the span capture of an earlier call (an object logged before, e.g. logger.error(err), passed again as metadata), so it is written without trace fields rather than with that call's span (see the README, 'Known limits').",
    );
  },
};
