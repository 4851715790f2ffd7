// A NestJS app (Express platform) in plain JavaScript: decorators applied as functions. Its
// package.json declares only @nestjs/* (and their peers): express comes with the platform.
require("reflect-metadata");
const { NestFactory } = require("@nestjs/core");
const { Controller, Get, Module, Param } = require("@nestjs/common");

class UsersController {
  get(id) {
    return { id };
  }
}
const get = Object.getOwnPropertyDescriptor(UsersController.prototype, "get");
Object.defineProperty(
  UsersController.prototype,
  "get",
  Reflect.decorate([Get(":id")], UsersController.prototype, "get", get),
);
Param("id")(UsersController.prototype, "get", 0);
Controller("users")(UsersController);

class AppModule {}
Module({ controllers: [UsersController] })(AppModule);

NestFactory.create(AppModule, { logger: false })
  .then(async (app) => {
    await app.listen(0, "127.0.0.1");
    console.log(JSON.stringify({ ready: { port: app.getHttpServer().address().port } }));
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
