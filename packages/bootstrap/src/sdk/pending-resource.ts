import type { Resource } from "@opentelemetry/resources";

/**
 * A resource whose last attributes arrive later: it reads as `before` until `after` settles,
 * then as `after`. It says so the way asynchronous resource detectors do
 * (`asyncAttributesPending`, `waitForAsyncAttributes()`), which the batch and simple span
 * processors of `@opentelemetry/sdk-trace` await before each export: a span that ended before
 * the ECS metadata answered is still exported with the final resource.
 *
 * Not promise-valued attributes (`resourceFromAttributes({ key: promise })`): which keys the
 * resolution yields is not known in advance, and a promise that settles to `undefined` is
 * reported as an invalid attribute value.
 */
export class PendingResource implements Resource {
  private current: Resource;
  private settling = true;
  private readonly settled: Promise<void>;

  /** `after` should not reject; if it does, the resource stays `before`. */
  constructor(before: Resource, after: Promise<Resource>) {
    this.current = before;
    this.settled = after.then(
      (resource) => {
        this.current = resource;
        this.settling = false;
      },
      () => {
        this.settling = false;
      },
    );
  }

  get asyncAttributesPending(): boolean {
    return this.settling || this.current.asyncAttributesPending === true;
  }

  async waitForAsyncAttributes(): Promise<void> {
    await this.settled;
    await this.current.waitForAsyncAttributes?.();
  }

  get attributes() {
    return this.current.attributes;
  }

  get schemaUrl() {
    return this.current.schemaUrl;
  }

  getRawAttributes() {
    return this.current.getRawAttributes();
  }

  merge(other: Resource | null): Resource {
    if (!this.settling) return this.current.merge(other);
    return new PendingResource(
      this.current.merge(other),
      this.settled.then(() => this.current.merge(other)),
    );
  }
}
