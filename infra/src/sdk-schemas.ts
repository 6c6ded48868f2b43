/**
 * The AWS SDK clients as the functions bundle them: each `@aws-sdk/client-*`
 * package copied under node_modules/.cache/inbox-sdk/ with its generated
 * schemas' trait keys written as plain strings, and aliased there by
 * bundling.ts. Why: since SDK 3.930 the generated `schemas/schemas_0.js`
 * writes every trait object with computed keys (`{ [_e]: _c, [_hE]: 400 }`,
 * `_e` a string constant of the file), and esbuild cannot prove a computed key
 * free of side effects, so it keeps every schema of the service, used or not
 * (aws/aws-sdk-js-v3#7607, evanw/esbuild#4373; the generator's fix,
 * smithy-lang/smithy-typescript#1889, writes literal keys as done here). S3's
 * and SES's schemas alone are ~115 KB minified of the functions that send or
 * store payloads; with literal keys esbuild keeps the schemas of the commands
 * a function imports. The schemas are otherwise byte for byte the SDK's
 * (infra/test/sdk-schemas.test.ts compares them, value by value, with the
 * originals), and the copy is remade whenever the installed client's version
 * changes. Only `dist-es` and package.json (the fields resolution and the user
 * agent read: PACKAGE_FIELDS) are copied: the bundles read the ES modules
 * (`mainFields: module, main`), and the clients' own dependencies resolve from
 * the repository's node_modules as before.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keptFields, packageCopy } from './package-copy.js';

/** Bumped when the rewrite changes, so older copies are remade. */
const REWRITE_VERSION = 2;

/**
 * The package.json fields a copy keeps. The client imports its package.json
 * whole for one field, `version` (the user agent), so esbuild bundles every
 * field (scripts, dependencies…: ~2 KB a client); resolution reads the rest.
 */
const PACKAGE_FIELDS = ['name', 'version', 'license', 'sideEffects', 'main', 'module', 'types'];
/** Where the copies are, repository-relative. */
export const SDK_COPIES = 'node_modules/.cache/inbox-sdk';

/**
 * A generated schema file with its computed trait keys as string literals:
 * `[_hE]:` becomes `"httpError":` wherever `_hE` is one of the file's
 * top-level `const _hE = "httpError";` string constants. Nothing else changes.
 */
export function literalTraitKeys(source: string): string {
  const constants = new Map<string, string>();
  for (const [, name, value] of source.matchAll(/^const (_\w+) = ("(?:[^"\\]|\\.)*");$/gm)) {
    constants.set(name as string, value as string);
  }
  return source.replace(/\[(_\w+)\]:/g, (key, name: string) => {
    const literal = constants.get(name);
    return literal === undefined ? key : `${literal}:`;
  });
}

/** The SDK client packages installed (`@aws-sdk/client-*` with generated schemas). */
export function sdkClients(root: string): string[] {
  const scope = join(root, 'node_modules', '@aws-sdk');
  if (!existsSync(scope)) return [];
  return readdirSync(scope)
    .filter((name) => name.startsWith('client-') && existsSync(join(scope, name, 'dist-es', 'schemas')))
    .sort();
}

/** Makes (when missing or stale: package-copy.ts) the rewritten copy of one client and returns its folder. */
export function sdkClientCopy(root: string, client: string): string {
  const source = join(root, 'node_modules', '@aws-sdk', client);
  const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as Record<string, unknown>;
  const stamp = { version: manifest.version, rewrite: REWRITE_VERSION };
  return packageCopy(join(root, SDK_COPIES, client), stamp, (folder) => {
    writeFileSync(join(folder, 'package.json'), keptFields(manifest, PACKAGE_FIELDS));
    cpSync(join(source, 'dist-es'), join(folder, 'dist-es'), { recursive: true });
    const schemas = join(folder, 'dist-es', 'schemas');
    for (const file of readdirSync(schemas).filter((f) => f.endsWith('.js'))) {
      writeFileSync(join(schemas, file), literalTraitKeys(readFileSync(join(schemas, file), 'utf8')));
    }
  });
}

/** esbuild aliases sending every installed SDK client to its rewritten copy. */
export function sdkClientAliases(root: string): Record<string, string> {
  return Object.fromEntries(sdkClients(root).map((client) => [`@aws-sdk/${client}`, sdkClientCopy(root, client)]));
}
