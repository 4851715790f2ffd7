import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { pick, type Random } from "../../seeded-random.testutil.js";

const STRINGS = [
  "",
  "GET",
  "http.request.method",
  "/orders/:id",
  "café",
  "中文字符",
  "emoji 🚀 pair",
  "lone \ud800 high",
  "lone \udc00 low",
  "trailing \ud83d",
  "tab\tnew\nline\u0000nul",
  "x".repeat(127),
  "x".repeat(128),
  "é".repeat(64),
  "z".repeat(3000),
];
/** Long enough that the span holding it needs a three-byte length. */
const HUGE = "y".repeat(16_400);

const INTEGERS = [
  0,
  -0,
  1,
  -1,
  127,
  128,
  300,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  2 ** 32 - 1,
  2 ** 32,
  -(2 ** 32),
  2 ** 53 - 1,
  -(2 ** 53 - 1),
  2 ** 62,
  -(2 ** 63),
  2 ** 63 - 1024,
];

const DOUBLES = [
  0.5,
  -0.1,
  Math.PI,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.MIN_VALUE,
  1e300,
  2 ** 63,
  -(2 ** 64),
];

const below = (random: Random, bound: number) => Math.floor(random() * bound);

function randomString(random: Random): string {
  const roll = random();
  if (roll < 0.002) return HUGE;
  if (roll < 0.5) return pick(random, STRINGS);
  const length = below(random, 40);
  let text = "";
  for (let i = 0; i < length; i++) {
    const range = random();
    text += String.fromCharCode(
      range < 0.8
        ? 32 + below(random, 95)
        : range < 0.95
          ? 128 + below(random, 0x700)
          : below(random, 0x10000),
    );
  }
  return text;
}

function randomValue(random: Random, depth = 0): unknown {
  const kind = below(random, depth > 1 ? 7 : 11);
  switch (kind) {
    case 0:
    case 1:
      return randomString(random);
    case 2:
      return pick(random, INTEGERS);
    case 3:
      return below(random, 2 ** 20) - 2 ** 19;
    case 4:
      return pick(random, DOUBLES);
    case 5:
      return random() < 0.5;
    case 6:
      return pick(random, [null, undefined]);
    case 7:
    case 8: {
      // Empty, homogeneous and mixed arrays, with the nulls the SDK lets through.
      const length = below(random, 5);
      const homogeneous = random() < 0.5;
      const first = randomValue(random, depth + 1);
      return Array.from({ length }, () =>
        homogeneous && typeof first !== "object" ? first : randomValue(random, depth + 1),
      );
    }
    case 9:
      return Uint8Array.from({ length: below(random, 20) }, () => below(random, 256));
    default:
      return randomAttributes(random, 4, depth + 1);
  }
}

function randomAttributes(random: Random, most: number, depth = 0): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  const count = below(random, most + 1);
  for (let i = 0; i < count; i++) attributes[randomString(random)] = randomValue(random, depth);
  return attributes;
}

function hex(random: Random, digits: number): string {
  let text = "";
  for (let i = 0; i < digits; i++) text += below(random, 16).toString(16);
  // Uppercase ids are not what the SDK makes, but both encoders read them.
  return random() < 0.02 ? text.toUpperCase() : text;
}

function traceState(random: Random) {
  const roll = random();
  if (roll < 0.7) return undefined;
  const text = roll < 0.8 ? "" : `vendor=${hex(random, 8)},other=x`;
  return { serialize: () => text } as never;
}

function context(random: Random) {
  return {
    traceId: hex(random, 32),
    spanId: hex(random, 16),
    traceFlags: pick(random, [0, 1, 1, 3, 255]),
    traceState: traceState(random),
    isRemote: pick(random, [true, false, undefined]),
  };
}

function hrTime(random: Random): [number, number] {
  const seconds = pick(random, [0, 1, 1_700_000_000 + below(random, 2 ** 28), 2 ** 32 - 1]);
  return [seconds, pick(random, [0, 999_999_999, below(random, 1e9)])];
}

const optional = <T>(random: Random, make: () => T) => (random() < 0.3 ? undefined : make());

/**
 * Spans as the SDK hands them to an exporter, with every field varied: several resources and
 * scopes (interleaved, so grouping is exercised), attributes of every AnyValue type, events,
 * links, statuses, kinds, root, child and remote-parent spans, dropped counts.
 */
export function randomSpans(random: Random): ReadableSpan[] {
  const resources = Array.from({ length: 1 + below(random, 3) }, () => ({
    attributes: random() < 0.1 ? undefined : randomAttributes(random, 12),
    schemaUrl:
      random() < 0.5 ? undefined : pick(random, ["", "https://opentelemetry.io/schemas/1.30.0"]),
  }));
  const scopes = Array.from({ length: 1 + below(random, 4) }, () => ({
    name: randomString(random),
    version: optional(random, () => pick(random, ["", "0.72.0", randomString(random)])),
    schemaUrl: optional(random, () =>
      pick(random, ["", "https://opentelemetry.io/schemas/1.27.0"]),
    ),
    attributes: random() < 0.8 ? undefined : randomAttributes(random, 3),
    droppedAttributesCount: random() < 0.8 ? undefined : below(random, 300),
  }));
  const spans = Array.from({ length: 1 + below(random, 8) }, () => {
    const own = context(random);
    const parentRoll = random();
    const parentSpanContext =
      parentRoll < 0.3
        ? undefined
        : parentRoll < 0.35
          ? { ...context(random), spanId: "" }
          : { ...context(random), traceId: own.traceId };
    return {
      name: randomString(random),
      kind: below(random, 5),
      spanContext: () => own,
      parentSpanContext,
      startTime: hrTime(random),
      endTime: hrTime(random),
      status: {
        code: below(random, 3),
        message: pick(random, [undefined, "", randomString(random)]),
      },
      attributes: randomAttributes(random, 20),
      links: Array.from({ length: below(random, 3) }, () => ({
        context: context(random),
        attributes: optional(random, () => randomAttributes(random, 4)),
        droppedAttributesCount: optional(random, () => below(random, 200)),
      })),
      events: Array.from({ length: below(random, 4) }, () => ({
        time: hrTime(random),
        name: randomString(random),
        attributes: optional(random, () => randomAttributes(random, 4)),
        droppedAttributesCount: optional(random, () => below(random, 200)),
      })),
      duration: [0, 0],
      ended: true,
      resource: pick(random, resources),
      instrumentationScope: pick(random, scopes),
      droppedAttributesCount: pick(random, [0, 0, 1, 127, 128, 70_000]),
      droppedEventsCount: pick(random, [0, 0, 3, 200]),
      droppedLinksCount: pick(random, [0, 0, 5, 129]),
    } as unknown as ReadableSpan;
  });
  return spans;
}
