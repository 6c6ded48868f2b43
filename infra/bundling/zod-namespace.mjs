/**
 * What a bundled function gets for `zod` (infra/src/bundling.ts ZOD_NAMESPACE):
 * all of zod's named exports, which esbuild tree-shakes as usual, and a `z`
 * namespace object holding only `ZodType`. Our code imports zod as
 * `import * as z from 'zod'` and uses members by name; the one value import of
 * `z` is @hono/zod-openapi's, which hands it to zod-to-openapi's
 * extendZodWithOpenApi (it patches `z.ZodType.prototype.openapi`, nothing else)
 * and re-exports it. Handing it the real namespace object makes esbuild keep
 * all of zod, its 50 locales among it: ~250 KB of the HTTP function.
 * The bundled HTTP function is imported and run by infra/test/app-stack.test.ts
 * (its routes call `.openapi` at import), and functions/test/module-graph.test.ts
 * checks no bundle carries another locale than English.
 */
import { ZodType } from '../../node_modules/zod/v4/classic/external.js';

export * from '../../node_modules/zod/v4/classic/external.js';
export const z = Object.freeze({ ZodType });
export default z;
