/**
 * `@logtrace/bootstrap/resolver` is `@logtrace/aws-resource`, kept for one release so that
 * imports of the old path keep working.
 * @deprecated Import from `@logtrace/aws-resource`.
 */
import {
  resolveAwsResourceAttributes,
  resolveAwsResourceAttributesSync,
} from "@logtrace/aws-resource";

export * from "@logtrace/aws-resource";
/** @deprecated Use `resolveAwsResourceAttributes` from `@logtrace/aws-resource`. */
export const resolveEcsResourceAttributes = resolveAwsResourceAttributes;
/** @deprecated Use `resolveAwsResourceAttributesSync` from `@logtrace/aws-resource`. */
export const resolveEcsResourceAttributesSync = resolveAwsResourceAttributesSync;
