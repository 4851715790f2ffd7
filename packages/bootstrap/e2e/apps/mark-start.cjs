// Passed as the first --require: marks when preloading began.
globalThis.__e2ePreloadStart = performance.now();
