import { Writable } from "node:stream";

/** An in-memory destination: collects what a logger writes, as text and parsed JSON lines. */
export class LogCapture extends Writable {
  readonly chunks: string[] = [];

  constructor() {
    super({ decodeStrings: false, objectMode: false });
  }

  override _write(chunk: unknown, _encoding: BufferEncoding, done: (error?: Error | null) => void) {
    this.chunks.push(typeof chunk === "string" ? chunk : String(chunk));
    done();
  }

  /** Everything written, joined. */
  get text(): string {
    return this.chunks.join("");
  }

  /** Non-empty lines of the output. */
  get lines(): string[] {
    return this.text.split("\n").filter((line) => line.trim() !== "");
  }

  /** Every line parsed as JSON (throws with the line on malformed JSON, which is a bug). */
  get records(): Record<string, unknown>[] {
    return this.lines.map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`log line is not valid JSON: ${line}`);
      }
    });
  }

  clear(): void {
    this.chunks.length = 0;
  }
}

/** Counts the occurrences of a top-level JSON key in a raw line, to prove a key is never doubled. */
export function countKey(line: string, key: string): number {
  return line.split(`${JSON.stringify(key)}:`).length - 1;
}
