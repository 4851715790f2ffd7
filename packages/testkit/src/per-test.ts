import { afterEach } from "vitest";
import {
  type FakeEcsMetadata,
  type FakeEcsMetadataOptions,
  startFakeEcsMetadata,
} from "./fake-ecs-metadata.js";
import { type FakeImds, type FakeImdsOptions, startFakeImds } from "./fake-imds.js";

/**
 * `startFakeEcsMetadata` for a test file: every server started in a test is closed after it.
 * Call once at the top level of the file.
 */
export function fakeEcsMetadataPerTest(): (
  options?: FakeEcsMetadataOptions,
) => Promise<FakeEcsMetadata> {
  const servers: FakeEcsMetadata[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (options) => {
    const server = await startFakeEcsMetadata(options);
    servers.push(server);
    return server;
  };
}

/** `startFakeImds` for a test file: every server started in a test is closed after it. */
export function fakeImdsPerTest(): (options?: FakeImdsOptions) => Promise<FakeImds> {
  const servers: FakeImds[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (options) => {
    const server = await startFakeImds(options);
    servers.push(server);
    return server;
  };
}
