// The set-up before `npm test` / `npm run demo` (install, build) prints hundreds of lines that
// matter only when it fails: each step runs with its output captured, and that output is shown
// in full only if the step fails.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

/** Runs `command args` in `cwd`; stdout and stderr go to one file, so they keep their order. */
function runCaptured(command, args, cwd) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logtrace-setup-"));
  const file = path.join(dir, "output.log");
  const fd = fs.openSync(file, "w");
  try {
    const result = spawnSync(command, args, { cwd, stdio: ["ignore", fd, fd] });
    if (result.error) throw result.error;
    const status = result.status ?? 1;
    const how = result.signal ? `killed by ${result.signal}` : `exit ${status}`;
    return { status, how, output: fs.readFileSync(file, "utf8") };
  } finally {
    fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs `steps` (`{ name, command, args }`) in turn, quiet: one line `setting up: a… b… done`.
 * On the first failure, says which command failed and prints its whole output; the later steps
 * do not run. Returns the exit status: 0 when every step succeeded.
 */
function runSetUp(steps, { cwd, write = (text) => process.stderr.write(text) }) {
  write("setting up:");
  for (const step of steps) {
    write(` ${step.name}…`);
    const { status, how, output } = runCaptured(step.command, step.args, cwd);
    if (status !== 0) {
      const shown = output.endsWith("\n") || output === "" ? output : `${output}\n`;
      write(` failed (${how}):\n$ ${[step.command, ...step.args].join(" ")}\n${shown}`);
      return status;
    }
  }
  write(" done\n");
  return 0;
}

module.exports = { runSetUp };
