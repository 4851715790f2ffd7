import type { IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { diag } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { pick, type Random, seededRandom } from "../seeded-random.testutil.js";
import {
  type ForwardedParser,
  incomingRequestAttributes,
  REDACTED_QUERY_PARAMETERS,
  type Scheme,
} from "./incoming-attributes.js";
import { redactedQuery, urlParts } from "./url-parts.js";

// The http instrumentation's own functions are the reference; its package exports only the
// class, so its files are loaded by path (the copy the preload ships).
const requireHere = createRequire(import.meta.url);
const instrumentationDist = dirname(requireHere.resolve("@opentelemetry/instrumentation-http"));
const reference = requireHere(join(instrumentationDist, "utils.cjs")) as {
  getIncomingRequestAttributes(
    request: unknown,
    options: {
      component: string;
      enableSyntheticSourceDetection: boolean;
      redactedQueryParams: string[];
    },
    logger: unknown,
  ): Record<string, unknown>;
};
const { DEFAULT_QUERY_STRINGS_TO_REDACT } = requireHere(
  join(instrumentationDist, "internal-types.cjs"),
) as { DEFAULT_QUERY_STRINGS_TO_REDACT: string[] };
const parseForwarded = createRequire(requireHere.resolve("@opentelemetry/instrumentation-http"))(
  "forwarded-parse",
) as ForwardedParser;

const SEED = Number(process.env.HTTP_SERVER_SEED ?? 20261205);

/** Up to `most` pieces, drawn with repeats. */
const randomText = (random: Random, pieces: readonly string[], most: number): string =>
  Array.from({ length: Math.floor(random() * most) }, () => pick(random, pieces)).join("");

const PATHS = [
  "/",
  "/users/42",
  "//double/slash",
  "/a/../b",
  "/a/./b/.",
  "/a/..",
  "/%2e%2E/c",
  "/.hidden/...",
  "/caf%C3%A9",
  "/café",
  "/a b",
  "/a\\b",
  "/pipe|caret^[brackets]",
  "/quote'd\"",
  "/{curly}`",
  "/tab\there",
  "/%zz/%",
  "*",
  "",
  "http://other.example:81/abs",
  "https://[::1]:8443/v6",
  "http://bad host/x",
  "/p#frag",
];
const QUERIES = [
  "",
  "?",
  "?a=1",
  "?a=1&b=two",
  "?sig=secret&x=1",
  "?x=1&sig=a&sig=b",
  "?X-Amz-Signature=z&X-Amz-Credential=c&X-Amz-Security-Token=t",
  "?AWSAccessKeyId=k&Signature=s&X-Goog-Signature=g",
  "?signature=lower",
  "?a=b c",
  "?a+b=%41",
  "?q='quoted'",
  "?k",
  "?&&=",
  "?ü=1",
  "?a=1#frag",
  "?path=/x?y",
  "?*-._=*-._",
];
const HOSTS = [
  undefined,
  "",
  "localhost",
  "localhost:8080",
  "example.com:99999",
  "[::1]",
  "[::1]:8080",
  "::1",
  "a:b:c",
  "bad host",
  "999.1.1.1",
  "foo.123",
  "ExAmple.COM",
  "h/p",
  "h?x",
  "user@h",
  "xn--bcher-kva.example",
];
const FORWARDED = [
  undefined,
  "",
  "for=192.0.2.60;proto=http;by=203.0.113.43;host=example.com:8443",
  'for="[2001:db8:cafe::17]:4711";host="[::1]:9";proto=https',
  'for="[2001:db8:cafe::17]"',
  "for=unknown",
  "proto=https;host=secure.example",
  "host=a.example, host=b.example",
  "for=1.2.3.4:80, for=5.6.7.8",
  'for="unterminated',
  ";;;",
  "host=[::1]:80;proto=http",
];
const FORWARDED_HOSTS = [undefined, "", "api.example.com", "api.example.com:8443", "[::2]"];
const FORWARDED_PROTOS = [undefined, "https", "http", "HTTPS"];
const FORWARDED_FOR = [
  undefined,
  "",
  "203.0.113.195, 70.41.3.18",
  "[2001:db8::1]:80",
  "1.2.3.4:5678",
  " spaced ,x",
  "not an address",
];
const METHODS = ["GET", "POST", "HEAD", "OPTIONS", "QUERY", "PROPFIND", "M-SEARCH", "get", "Patch"];

interface FakeRequest {
  method: string;
  url: string;
  httpVersion: string;
  headers: Record<string, string | string[] | undefined>;
  socket: { remoteAddress?: string; remotePort?: number };
}

/** A request as node:http gives one, with headers drawn from the lists above. */
function randomRequest(random: Random): FakeRequest {
  const headers: FakeRequest["headers"] = {};
  const set = (name: string, value: string | string[] | undefined) => {
    if (value !== undefined) headers[name] = value;
  };
  set("host", pick(random, HOSTS));
  set("forwarded", random() < 0.4 ? pick(random, FORWARDED) : undefined);
  const forwardedHost = random() < 0.3 ? pick(random, FORWARDED_HOSTS) : undefined;
  set("x-forwarded-host", random() < 0.2 && forwardedHost ? [forwardedHost, "b"] : forwardedHost);
  const proto = random() < 0.3 ? pick(random, FORWARDED_PROTOS) : undefined;
  set("x-forwarded-proto", random() < 0.2 && proto ? [proto, "http"] : proto);
  const forwardedFor = random() < 0.3 ? pick(random, FORWARDED_FOR) : undefined;
  set("x-forwarded-for", random() < 0.2 && forwardedFor ? [forwardedFor] : forwardedFor);
  set("user-agent", random() < 0.7 ? "curl/8.5.0" : undefined);
  return {
    method: pick(random, METHODS),
    url: pick(random, PATHS) + pick(random, QUERIES),
    httpVersion: pick(random, ["1.1", "1.0", "2.0"]),
    headers,
    socket: {
      remoteAddress: pick(random, ["127.0.0.1", "::ffff:10.0.0.1", "::1", undefined]),
      remotePort: pick(random, [54321, 80, undefined]),
    },
  };
}

describe("server span start attributes", () => {
  it("hide the query parameters the instrumentation hides by default", () => {
    expect(REDACTED_QUERY_PARAMETERS).toEqual(DEFAULT_QUERY_STRINGS_TO_REDACT);
  });

  it.each<Scheme>(["http", "https"])(
    "%s: equal the instrumentation's, values and key order, on 20 000 random requests",
    (scheme) => {
      const random = seededRandom(SEED + (scheme === "https" ? 1 : 0));
      const kinds = new Set<string>();
      for (let i = 0; i < 20_000; i++) {
        const request = randomRequest(random);
        const ours = incomingRequestAttributes(
          request as unknown as IncomingMessage,
          scheme,
          parseForwarded,
        );
        const theirs = reference.getIncomingRequestAttributes(
          request,
          {
            component: scheme,
            enableSyntheticSourceDetection: false,
            redactedQueryParams: Array.from(DEFAULT_QUERY_STRINGS_TO_REDACT),
          },
          diag,
        );
        expect(Object.entries(ours), JSON.stringify(request)).toStrictEqual(Object.entries(theirs));
        kinds.add(Object.keys(ours).sort().join());
      }
      // The cases reach every optional attribute, and their absence.
      expect(kinds.size).toBeGreaterThan(8);
    },
  );
});

const URL_CHARACTERS = [
  ..."abcXYZ09-._~!$&'()*+,;=:@/%?#\\ \"<>`{}|^[]\t",
  "é",
  "%2e",
  "%2E",
  "..",
];

describe("urlParts", () => {
  it("equals new URL()'s pathname and search on 50 000 random request targets", () => {
    const random = seededRandom(SEED + 2);
    const bases = [
      "http://localhost",
      "https://example.com:8443",
      "http://bad host",
      "http://[::1]",
    ];
    let plain = 0;
    for (let i = 0; i < 50_000; i++) {
      const url = (random() < 0.9 ? "/" : "") + randomText(random, URL_CHARACTERS, 12);
      const base = pick(random, bases);
      let expected: { pathname?: string; search?: string } = {};
      try {
        const { pathname, search } = new URL(url, base);
        expected = { pathname, search };
      } catch {}
      expect(urlParts(url, base), `${url} against ${base}`).toEqual(expected);
      if (url === expected.pathname + (expected.search ?? "")) plain++;
    }
    expect(plain).toBeGreaterThan(5_000);
  });
});

describe("redactedQuery", () => {
  it("equals URLSearchParams with the listed parameters set, on 20 000 random queries", () => {
    const random = seededRandom(SEED + 3);
    const pieces = [
      "a",
      "sig",
      "Signature",
      "=",
      "&",
      "1",
      "-",
      ".",
      "*",
      "_",
      "+",
      "%41",
      " ",
      "é",
      "?",
    ];
    for (let i = 0; i < 20_000; i++) {
      const query = randomText(random, pieces, 10);
      const params = new URLSearchParams(query);
      for (const name of REDACTED_QUERY_PARAMETERS) {
        if (params.has(name)) params.set(name, "REDACTED");
      }
      expect(redactedQuery(query, REDACTED_QUERY_PARAMETERS), query).toBe(params.toString());
    }
  });
});
