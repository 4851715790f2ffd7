#!/usr/bin/env node
// Entry for `npm test` / `npm run demo` on a machine that has only Node (any LTS) and npm:
// fetch pinned pnpm through npx, install from the committed lock (which brings Node 24 as the
// `node` devDependency) and build, both quiet unless they fail, then run the named pnpm script,
// whose `node` is that Node 24, with its output as it comes.
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const { runSetUp } = require("./setup-steps.cjs");

const root = path.resolve(__dirname, "..");
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const pnpm = (...args) => ({ command: npx, args: ["-y", "pnpm@12.4.2", ...args] });

const [script, ...rest] = process.argv.slice(2);
if (!script) {
  console.error("usage: with-toolchain.cjs <pnpm-script> [args...]");
  process.exit(2);
}
const setUp = runSetUp(
  [
    { name: "install", ...pnpm("install", "--frozen-lockfile", "--reporter=append-only") },
    { name: "build", ...pnpm("run", "build") },
  ],
  { cwd: root },
);
if (setUp !== 0) process.exit(setUp);
const { command, args } = pnpm("run", script, ...rest);
const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
if (result.error) throw result.error;
process.exit(result.status ?? 1);
