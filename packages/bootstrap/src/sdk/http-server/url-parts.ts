/** A request URL's path and query as `new URL(request.url, base)` gives them. */
export interface UrlParts {
  pathname?: string;
  search?: string;
}

// A path or query of only these characters is one `URL` would keep as written: no
// percent-encoding, no dot segments to remove, no backslashes to turn, no host in `//x`.
const PLAIN_PATH = /^\/(?!\/)[\w\-.~!$&'()*+,;=:@/%]*$/;
const PLAIN_QUERY = /^[\w\-.~!$&()*+,;=:@/%?]*$/;
const DOT_SEGMENT = /\/\.{1,2}(?:\/|$)|%2e/i;

/** Whether `new URL(base)` parses, per base; a host header is one of a few values a process sees. */
const baseIsValid = new Map<string, boolean>();
const MAX_BASES = 256;

function isValidBase(base: string): boolean {
  const known = baseIsValid.get(base);
  if (known !== undefined) return known;
  let valid = true;
  try {
    new URL(base);
  } catch {
    valid = false;
  }
  if (baseIsValid.size < MAX_BASES) baseIsValid.set(base, valid);
  return valid;
}

/**
 * The path and query of a request URL against `base` (`http://<host header>`): what the http
 * instrumentation reads from `new URL()`, without parsing a URL per request where the request
 * line is a plain path. Nothing (no `pathname`) when the base or the URL does not parse.
 */
export function urlParts(url: string, base: string): UrlParts {
  const queryAt = url.indexOf("?");
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const query = queryAt === -1 ? "" : url.slice(queryAt + 1);
  if (
    PLAIN_PATH.test(path) &&
    !DOT_SEGMENT.test(path) &&
    (query === "" || PLAIN_QUERY.test(query)) &&
    isValidBase(base)
  ) {
    return { pathname: path, search: query === "" ? "" : `?${query}` };
  }
  try {
    const { pathname, search } = new URL(url, base);
    return { pathname, search };
  } catch {
    return {};
  }
}

const REDACTED = "REDACTED";
// Characters the form-urlencoded serialiser writes as they are.
const PLAIN_FORM = /^[\w\-.*]+=[\w\-.*]*(?:&[\w\-.*]+=[\w\-.*]*)*$/;

/**
 * `url.query`: the query as `URLSearchParams` writes it, the first value of each listed
 * parameter replaced by `REDACTED` and its repeats removed (what `set` does).
 */
export function redactedQuery(query: string, redact: readonly string[]): string {
  if (PLAIN_FORM.test(query) && !redact.some((name) => query.includes(name))) return query;
  const params = new URLSearchParams(query);
  for (const name of redact) if (params.has(name)) params.set(name, REDACTED);
  return params.toString();
}
