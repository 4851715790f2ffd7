const HEX: readonly string[] = Array.from({ length: 256 }, (_, byte) =>
  byte.toString(16).padStart(2, "0"),
);
const hex = (byte: number) => HEX[byte] as string;

/** `bytes` random bytes as lowercase hex, never all zeros (an invalid id). */
function randomHex(bytes: number): string {
  let id = "";
  let zero = true;
  for (let i = 0; i < bytes; i += 4) {
    const word = (Math.random() * 2 ** 32) >>> 0;
    if (word !== 0) zero = false;
    id +=
      hex(word >>> 24) + hex((word >>> 16) & 0xff) + hex((word >>> 8) & 0xff) + hex(word & 0xff);
  }
  return zero ? `${id.slice(0, -2)}01` : id;
}

/** A trace id as the SDK's generator makes it: 16 random bytes, hex. */
export const newTraceId = (): string => randomHex(16);
/** A span id: 8 random bytes, hex. */
export const newSpanId = (): string => randomHex(8);
