/** Protobuf wire types. */
export const VARINT = 0;
export const FIXED64 = 1;
export const LENGTH_DELIMITED = 2;
export const FIXED32 = 5;

/** The key of a field: its number and wire type, as one varint. */
export const fieldKey = (field: number, wireType: number) => (field << 3) | wireType;

const TWO_32 = 2 ** 32;
/** The first buffer's size; later ones are sized from the previous request. */
const FIRST_BYTES = 16 * 1024;

/** Varint size of a length (non-negative, below 2^32). */
function lengthSize(length: number): number {
  if (length < 0x80) return 1;
  if (length < 0x4000) return 2;
  if (length < 0x200000) return 3;
  if (length < 0x10000000) return 4;
  return 5;
}

/** Value of one hex digit by character code, -1 when it is not one. */
const HEX = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit++) {
  HEX["0123456789abcdef".charCodeAt(digit)] = digit;
  HEX["0123456789ABCDEF".charCodeAt(digit)] = digit;
}

/**
 * Writes protobuf fields straight into one growing buffer. A nested message's length is written
 * after its content: `begin` reserves the bytes its length usually needs and `end` writes it
 * there, moving the content only when the length needed a different number of bytes.
 *
 * Each request gets a buffer of its own, handed out without a copy: it is not zeroed (every byte
 * handed out was written) and is sized from the previous request, so it rarely grows.
 */
export class ProtoWriter {
  private buffer = Buffer.allocUnsafeSlow(FIRST_BYTES);
  private readonly float = new Float64Array(1);
  private readonly floatBytes = new Uint8Array(this.float.buffer);
  pos = 0;

  /** The bytes written; the next request is written into a new buffer. */
  finish(): Uint8Array {
    const { buffer, pos } = this;
    this.buffer = Buffer.allocUnsafeSlow(Math.max(FIRST_BYTES, Math.ceil(pos * 1.25)));
    this.pos = 0;
    return new Uint8Array(buffer.buffer, buffer.byteOffset, pos);
  }

  /** Forgets what was written (after a failed request). */
  reset(): void {
    this.pos = 0;
  }

  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.pos + bytes) size *= 2;
    const grown = Buffer.allocUnsafeSlow(size);
    this.buffer.copy(grown, 0, 0, this.pos);
    this.buffer = grown;
  }

  /** A field key (or any value below 2^14: every key this encoder writes). */
  key(key: number): void {
    this.ensure(2);
    if (key < 0x80) this.buffer[this.pos++] = key;
    else {
      this.buffer[this.pos++] = (key & 0x7f) | 0x80;
      this.buffer[this.pos++] = key >>> 7;
    }
  }

  /** An unsigned varint below 2^32. */
  uint32(value: number): void {
    this.ensure(5);
    const buffer = this.buffer;
    let v = value >>> 0;
    while (v > 0x7f) {
      buffer[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buffer[this.pos++] = v;
  }

  /** An int64 varint of an integer in [-2^63, 2^63): negatives take ten bytes. */
  int64(value: number): void {
    if (value >= 0 && value < TWO_32) {
      this.uint32(value);
      return;
    }
    const high = Math.floor(value / TWO_32);
    this.varint64(value - high * TWO_32, high >>> 0);
  }

  private varint64(low: number, high: number): void {
    this.ensure(10);
    const buffer = this.buffer;
    let lo = low >>> 0;
    let hi = high >>> 0;
    while (hi > 0 || lo > 0x7f) {
      buffer[this.pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    buffer[this.pos++] = lo;
  }

  fixed32(value: number): void {
    this.ensure(4);
    this.buffer.writeUInt32LE(value >>> 0, this.pos);
    this.pos += 4;
  }

  /** A fixed64 given as its low and high 32 bits. */
  fixed64(low: number, high: number): void {
    this.ensure(8);
    const buffer = this.buffer;
    const at = this.pos;
    buffer[at] = low;
    buffer[at + 1] = low >>> 8;
    buffer[at + 2] = low >>> 16;
    buffer[at + 3] = low >>> 24;
    buffer[at + 4] = high;
    buffer[at + 5] = high >>> 8;
    buffer[at + 6] = high >>> 16;
    buffer[at + 7] = high >>> 24;
    this.pos = at + 8;
  }

  /**
   * An `[seconds, nanoseconds]` time as fixed64 nanoseconds. 10^9 = 2^9 × 1953125, and
   * seconds × 1953125 stays below 2^53 (exact) for any seconds below 2^32; the 2^9 is a shift.
   */
  hrTime(seconds: number, nanos: number): void {
    const scaled = seconds * 1953125;
    const scaledHigh = Math.floor(scaled / TWO_32);
    const scaledLow = scaled - scaledHigh * TWO_32;
    const low = (scaledLow & 0x7fffff) * 512 + nanos;
    const carry = low >= TWO_32 ? 1 : 0;
    this.fixed64(low >>> 0, scaledHigh * 512 + Math.floor(scaledLow / 0x800000) + carry);
  }

  double(value: number): void {
    this.ensure(8);
    this.float[0] = value;
    this.buffer.set(this.floatBytes, this.pos);
    this.pos += 8;
  }

  /** A length-delimited UTF-8 string (lone surrogates become U+FFFD, as TextEncoder does). */
  string(text: string): void {
    const length = text.length;
    if (length < 0x80) {
      // Short ASCII, the usual case: copied by hand behind a one-byte length.
      this.ensure(length + 1);
      const buffer = this.buffer;
      const start = this.pos;
      let at = start + 1;
      let i = 0;
      for (; i < length; i++) {
        const code = text.charCodeAt(i);
        if (code > 0x7f) break;
        buffer[at++] = code;
      }
      if (i === length) {
        buffer[start] = length;
        this.pos = at;
        return;
      }
    }
    const bytes = Buffer.byteLength(text, "utf8");
    this.uint32(bytes);
    this.ensure(bytes);
    this.buffer.write(text, this.pos, bytes, "utf8");
    this.pos += bytes;
  }

  /** Length-delimited bytes. */
  bytes(value: Uint8Array): void {
    this.uint32(value.length);
    this.ensure(value.length);
    this.buffer.set(value, this.pos);
    this.pos += value.length;
  }

  /**
   * Length-delimited bytes given as hex (a trace or span id) of exactly `bytes` bytes. Anything
   * else throws: ids the SDK made or accepted are always well formed.
   */
  hexBytes(hex: string, bytes: number): void {
    if (hex.length !== bytes * 2) throw new Error(`an id of ${hex.length} hex digits`);
    this.ensure(bytes + 1);
    const buffer = this.buffer;
    buffer[this.pos++] = bytes;
    for (let i = 0; i < hex.length; i += 2) {
      const high = HEX[hex.charCodeAt(i)] ?? -1;
      const low = HEX[hex.charCodeAt(i + 1)] ?? -1;
      if ((high | low) < 0) throw new Error(`an id that is not hex: ${JSON.stringify(hex)}`);
      buffer[this.pos++] = (high << 4) | low;
    }
  }

  /**
   * Starts a nested message (after its key): reserves `reserved` bytes for its length and
   * returns where they are, for `end`.
   */
  begin(reserved: number): number {
    this.ensure(reserved);
    const start = this.pos;
    this.pos += reserved;
    return start;
  }

  /** Ends the nested message begun at `start` with `reserved` bytes for its length. */
  end(start: number, reserved: number): void {
    const length = this.pos - start - reserved;
    const size = lengthSize(length);
    if (size !== reserved) {
      this.ensure(size - reserved);
      this.buffer.copyWithin(start + size, start + reserved, this.pos);
      this.pos += size - reserved;
    }
    const buffer = this.buffer;
    let at = start;
    let v = length;
    while (v > 0x7f) {
      buffer[at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buffer[at] = v;
  }
}
