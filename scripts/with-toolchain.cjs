#!/usr/bin/env node
// Entry for `npm test` / `npm run demo` on a machine that has only Node (any LTS) and npm:
// fetch pinned pnpm through npx, install from the committed lock (which brings Node 24 as the
// `node` devDependency), then run the named pnpm script, whose `node` is that Node 24.
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const pnpm = ["-y", "pnpm@12.4.2"];
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

function run(args) {
  const result = spawnSync(npx, [...pnpm, ...args], { cwd: root, stdio: "inherit" });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const [script, ...rest] = process.argv.slice(2);
if (!script) {
  console.error("usage: with-toolchain.cjs <pnpm-script> [args...]");
  process.exit(2);
}
run(["install", "--frozen-lockfile", "--reporter=append-only"]);
run(["run", script, ...rest]);
