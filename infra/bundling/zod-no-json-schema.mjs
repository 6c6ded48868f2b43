/**
 * What a bundled function that never converts a schema to JSON Schema gets for
 * `zod` (infra/src/bundling.ts ZOD_WITHOUT_JSON_SCHEMA): zod-namespace.mjs's
 * exports, taken from the copy infra/src/zod-copy.ts makes of zod's classic
 * API, whose JSON Schema modules are stand-ins that throw
 * (bundling/no-json-schema.mjs): ~15 KB less in every such bundle. The HTTP
 * function keeps zod-namespace.mjs: its API describes request bodies with
 * `z.toJSONSchema` (packages/api) when it starts.
 */
import { ZodType } from '../../node_modules/.cache/inbox-zod/v4/classic/external.js';

export * from '../../node_modules/.cache/inbox-zod/v4/classic/external.js';
export const z = Object.freeze({ ZodType });
export default z;
