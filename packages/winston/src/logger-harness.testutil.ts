import { captureTransport } from "./capture-transport.testutil.js";
import { withTraceContext } from "./with-trace-context.js";

/** A winston logger configured through withTraceContext, writing into a capture transport. */
export function tracedLogger(
  // biome-ignore lint/suspicious/noExplicitAny: any winston 3 module and its options.
  winston: any,
  // biome-ignore lint/suspicious/noExplicitAny: winston options of any release.
  winstonOptions: Record<string, any> = {},
  traceOptions?: Parameters<typeof withTraceContext>[1],
) {
  const { transport, captured } = captureTransport(winston);
  const logger = winston.createLogger(
    withTraceContext({ ...winstonOptions, transports: [transport] }, traceOptions),
  );
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    logger,
    captured,
    /** The lines written so far, parsed as JSON. */
    async records(): Promise<Record<string, unknown>[]> {
      await settle();
      return captured.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    async lines(): Promise<string[]> {
      await settle();
      return [...captured.lines];
    },
  };
}
