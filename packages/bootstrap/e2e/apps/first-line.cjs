// Imported first by the apps: when the app's own code starts, relative to mark-start.cjs
// (a --require placed before the bootstrap preload), i.e. the time the preload took.
globalThis.__e2eAppStart = performance.now();
