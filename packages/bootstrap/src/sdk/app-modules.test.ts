import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appHas, appModules } from "./app-modules.js";
import { link, makeTrees, writeFile, writePackage } from "./test-trees.testutil.js";

const trees = makeTrees();
afterAll(trees.remove);

describe("what the app can load", () => {
  it("counts a framework's own dependency in pnpm's linked layout (NestJS → express)", () => {
    const app = trees.dir("pnpm-app");
    writeFile(
      join(app, "package.json"),
      JSON.stringify({ dependencies: { "@nestjs/platform-express": "12" } }),
    );
    const store = join(app, "node_modules/.pnpm");
    const platform = join(
      store,
      "@nestjs+platform-express@12/node_modules/@nestjs/platform-express",
    );
    const express = join(store, "express@5/node_modules/express");
    const koa = join(store, "koa@3/node_modules/koa");
    writePackage(platform, "@nestjs/platform-express");
    writePackage(express, "express");
    writePackage(koa, "koa"); // in the store, only in pnpm's hidden hoisting directory
    link(koa, join(store, "node_modules/koa"));
    link(express, join(store, "@nestjs+platform-express@12/node_modules/express"));
    link(platform, join(app, "node_modules/@nestjs/platform-express"));

    const modules = appModules(app);
    expect(appHas("@nestjs/platform-express", modules)).toBe(true);
    expect(appHas("express", modules)).toBe(true);
    expect(appHas("koa", modules)).toBe(false);
    expect(appHas("http", modules)).toBe(true);
    expect(appHas("node:https", modules)).toBe(true);
  });

  it("counts what resolves from the app in npm's flat layout, and scopes by any member", () => {
    const app = trees.dir("npm-app");
    writeFile(join(app, "src/package.json"), JSON.stringify({ dependencies: {} }));
    writePackage(join(app, "node_modules/pg"), "pg");
    writePackage(join(app, "node_modules/@aws-sdk/client-s3"), "@aws-sdk/client-s3");
    writePackage(join(app, "node_modules/other/node_modules/mysql2"), "mysql2");

    const modules = appModules(join(app, "src"));
    expect(appHas("pg", modules)).toBe(true);
    expect(appHas("@aws-sdk/", modules)).toBe(true);
    expect(appHas("@grpc/", modules)).toBe(false);
    // Nested under a package the app does not declare: not loadable by the app.
    expect(appHas("mysql2", modules)).toBe(false);
  });
});
