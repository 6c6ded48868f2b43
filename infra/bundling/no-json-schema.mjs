/**
 * What a bundled function gets for zod's JSON Schema code
 * (infra/src/zod-copy.ts): zod's classic schemas, as bundled, import
 * core/to-json-schema.js and core/json-schema-processors.js for
 * `toJSONSchema()` and the Standard Schema `jsonSchema` methods, which only
 * the HTTP function calls (it keeps zod whole: bundling.ts JSON_SCHEMA_USERS):
 * ~17 KB of every other bundle. The generated stand-ins export the same names; each
 * conversion throws this error, naming what is missing. `aggregateChecks`
 * (the `minLength`, `maxLength`, `format`… getters of string and number
 * schemas) stays zod's own. Tests and the local stack run zod whole.
 */
export function jsonSchemaNotBundled() {
  throw new Error("zod's JSON Schema conversion is not bundled in this function (infra/bundling/no-json-schema.mjs)");
}

/** For `createToJSONSchemaMethod` and `createStandardJSONSchemaMethod`: the method is made, calling it throws. */
export const methodNotBundled = () => jsonSchemaNotBundled;
