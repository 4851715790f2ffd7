// Child process: Verdaccio with the config file given as the only argument, on 127.0.0.1 and a
// port the system picks. Prints `{"port":N}` once it listens; stops on SIGTERM.
import { runServer } from "verdaccio";

const server = await runServer(process.argv[2]);
server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ port: server.address().port }));
});
process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 1_000).unref();
});
