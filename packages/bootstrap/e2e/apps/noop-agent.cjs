// A LOGTRACE_AGENT that does nothing: the faults e2e measures the route the preload takes for
// agents (which waits for the metadata); agent.test.ts runs the real ADOT.
