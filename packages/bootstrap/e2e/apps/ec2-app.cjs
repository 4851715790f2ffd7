// An app whose stdout is a file the CloudWatch agent ships (`node … ec2-app.cjs >> app.log`).
// Its first line says what it sees before its own code runs; then one traced request, then exit.
const firstLine = {
  first: process.env.OTEL_RESOURCE_ATTRIBUTES ?? null,
  preloadMs:
    globalThis.__e2ePreloadStart === undefined
      ? undefined
      : performance.now() - globalThis.__e2ePreloadStart,
};
process.stdout.write(`${JSON.stringify(firstLine)}\n`);
const http = require("node:http");
const { withTraceContext } = require("@logtrace/pino");
const pino = require("pino");

const logger = pino(withTraceContext({ base: undefined }));
const server = http.createServer((_request, response) => {
  logger.info("handling");
  response.end("ok");
});
server.listen(0, "127.0.0.1", () => {
  http.get(`http://127.0.0.1:${server.address().port}/ec2`, (response) => {
    response.resume();
    response.on("end", () => {
      process.stdout.write(
        `${JSON.stringify({ after: process.env.OTEL_RESOURCE_ATTRIBUTES ?? null })}\n`,
      );
      server.close();
    });
  });
});
