// Destinations for bunyan in tests: a non-raw stream (gets the serialized line) and a raw stream
// (gets the record object), both keeping what they are given.

/** A non-raw bunyan stream: `write(line)`. */
export function lineSink() {
  const lines: string[] = [];
  return {
    lines,
    stream: { write: (line: string) => lines.push(line) },
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** A raw bunyan stream (`type: "raw"`): `write(record)`, records kept as given. */
export function recordSink() {
  const records: Record<string, unknown>[] = [];
  return {
    records,
    stream: { write: (record: Record<string, unknown>) => records.push(record) },
  };
}
