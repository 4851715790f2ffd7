// A Fastify 5 app with one parameterised route; prints its port once listening.
const fastify = require("fastify")({ logger: false });

fastify.get("/users/:id", async (request) => ({ id: request.params.id }));
fastify.listen({ port: 0, host: "127.0.0.1" }).then(() => {
  console.log(JSON.stringify({ ready: { port: fastify.server.address().port } }));
});
