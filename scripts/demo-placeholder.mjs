console.log("The demo arrives with the Express example (examples/express-pino).");
