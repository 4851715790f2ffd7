import type TransportStream from "winston-transport";

// A real winston transport that keeps what reaches it: the formatted line and a copy of the info.
// `delayMs` makes it acknowledge slowly, which is what puts winston under back-pressure.

const MESSAGE = Symbol.for("message");

export interface Captured {
  /** The formatted lines (info[MESSAGE]), in arrival order. */
  readonly lines: string[];
  /** Shallow copies of the infos as the transport received them (symbol keys included). */
  readonly infos: Record<string | symbol, unknown>[];
  /** Resolves once `count` lines arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  clear(): void;
}

export function captureTransport(
  // biome-ignore lint/suspicious/noExplicitAny: any winston 3 module.
  winston: any,
  options: { delayMs?: number; format?: unknown } = {},
) {
  const lines: string[] = [];
  const infos: Record<string | symbol, unknown>[] = [];
  const waiters: (() => void)[] = [];
  const settle = () => {
    for (const wake of waiters.splice(0)) wake();
  };
  class CaptureTransport extends winston.Transport {
    constructor(transportOptions: object) {
      super(transportOptions);
    }

    log(info: Record<string | symbol, unknown>, done: () => void) {
      const keep = () => {
        infos.push({ ...info });
        lines.push(String(info[MESSAGE]));
        settle();
        done();
      };
      if (options.delayMs) setTimeout(keep, options.delayMs);
      else keep();
    }
  }
  // The class extends the `any`-typed Transport of whichever winston release is under test.
  const transport = new CaptureTransport(
    options.format ? { format: options.format } : {},
  ) as unknown as TransportStream;
  const captured: Captured = {
    lines,
    infos,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (lines.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`expected ${count} lines, got ${lines.length} after ${timeoutMs} ms`);
        }
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    clear() {
      lines.length = 0;
      infos.length = 0;
    },
  };
  return { transport, captured };
}
