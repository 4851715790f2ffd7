// Every way winston takes a log call builds the record differently (a new object, the caller's
// own object, Object.assign in child()). Each shape logs the message "shape".

// biome-ignore lint/suspicious/noExplicitAny: a winston logger of any release.
export const callShapes: [string, (logger: any) => void][] = [
  ["log(level, message, meta)", (l) => l.log("info", "shape", { k: 1 })],
  ["log(level, message)", (l) => l.log("info", "shape")],
  ["log(level, info object)", (l) => l.log("info", { message: "shape", k: 1 })],
  ["log({ level, message })", (l) => l.log({ level: "info", message: "shape", k: 1 })],
  ["info(message)", (l) => l.info("shape")],
  ["info(message, meta)", (l) => l.info("shape", { k: 1 })],
  ["info({ message, ...meta })", (l) => l.info({ message: "shape", k: 1 })],
  ["warn(message, meta)", (l) => l.warn("shape", { k: 1 })],
  ["child().info(message, meta)", (l) => l.child({ c: 1 }).info("shape", { k: 1 })],
  [
    "child().child().info(info object)",
    (l) => l.child({ c: 1 }).child({ d: 2 }).info({ message: "shape" }),
  ],
];
