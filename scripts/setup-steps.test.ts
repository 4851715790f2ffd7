import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { runSetUp } from "./setup-steps.cjs";

const node = (code: string) => ({ command: process.execPath, args: ["-e", code] });
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setUp(steps: { name: string; command: string; args: string[] }[]) {
  const cwd = mkdtempSync(join(tmpdir(), "setup-steps-"));
  dirs.push(cwd);
  let written = "";
  const status = runSetUp(steps, { cwd, write: (text: string) => (written += text) });
  return { status, written, cwd };
}

it("says only the steps' names when they succeed", () => {
  const chatty = "for (let i = 0; i < 200; i++) console.log('line ' + i); console.error('warn');";
  const run = setUp([
    { name: "install", ...node(chatty) },
    { name: "build", ...node(chatty) },
  ]);
  expect(run.status).toBe(0);
  expect(run.written).toBe("setting up: install… build… done\n");
});

it("shows the failing step's command and whole output, in order, and runs no later step", () => {
  const failing =
    "console.log('resolving'); console.error('ERR_LOCKFILE out of date'); process.exit(3)";
  const later = "require('node:fs').writeFileSync('later-ran', '')";
  const run = setUp([
    { name: "install", ...node(failing) },
    { name: "build", ...node(later) },
  ]);
  expect(run.status).toBe(3);
  expect(run.written).toBe(
    `setting up: install… failed (exit 3):\n$ ${process.execPath} -e ${failing}\n` +
      "resolving\nERR_LOCKFILE out of date\n",
  );
  expect(existsSync(join(run.cwd, "later-ran"))).toBe(false);
});
