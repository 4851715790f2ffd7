// LOGTRACE_AGENT for the bench: an agent that does nothing, so that the time measured is the
// synchronous route the preload takes for agents (the environment final before it loads).
