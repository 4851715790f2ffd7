// A CommonJS main that loads its ESM part later with import(): the ESM instrumentation hooks
// must still be on by then (the preload turns them on at the first ES module).
import("./esm-app.mjs");
