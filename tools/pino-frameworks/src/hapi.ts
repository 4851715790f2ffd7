// #region hapi
import Hapi from "@hapi/hapi";
import { withTraceContext } from "@logtrace/pino";
import hapiPino from "hapi-pino";

const server = Hapi.server({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST });
// hapi-pino builds its logger from these options (or pass `instance`, a logger of your own).
await server.register({ plugin: hapiPino, options: withTraceContext({ level: "info" }) });
server.route({
  method: "GET",
  path: "/orders",
  handler: (request) => {
    request.logger.info("listing orders");
    return [];
  },
});
await server.start();
// #endregion
server.logger.info({ port: server.info.port }, "listening");
