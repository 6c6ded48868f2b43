/**
 * The SDK clients' copies the functions bundle (src/sdk-schemas.ts): the same
 * schemas as the installed clients, value for value, with trait keys esbuild
 * can tree-shake.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { literalTraitKeys, sdkClientCopy, sdkClients } from '../src/sdk-schemas.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = join(ROOT, 'node_modules/.cache/sdk-schemas-test');

/** A schema module's exports as plain data: thunks by their source, classes by name. */
function plain(value: unknown, depth = 0): unknown {
  if (depth > 6) return '…';
  if (typeof value === 'function') return `function ${value.name}: ${value.toString()}`;
  if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, depth + 1)]));
  }
  return value;
}

/** Imports a schema file as node would run it in a bundle (esbuild to one ES module). */
async function schemaExports(file: string, name: string): Promise<Record<string, unknown>> {
  const outfile = join(OUT, `${name}.mjs`);
  await build({
    stdin: { contents: `export * from ${JSON.stringify(file)};`, resolveDir: ROOT },
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    outfile,
    logLevel: 'silent',
  });
  return import(pathToFileURL(outfile).href);
}

describe('the SDK clients the functions bundle', { timeout: 120_000 }, () => {
  it('writes computed trait keys as the string constants they name, and nothing else', () => {
    const source = [
      'const _e = "error";',
      'const _hE = "httpError";',
      'export var NotFound$ = [-3, n0, _NF,',
      '    { [_e]: _c, [_hE]: 404, [other]: 1 },',
      '    [[_e], 0]',
      '];',
    ].join('\n');
    expect(literalTraitKeys(source)).toBe(source.replace('[_e]: _c, [_hE]: 404', '"error": _c, "httpError": 404'));
  });

  it('have the same schemas as the installed clients, every export, value for value', async () => {
    await mkdir(OUT, { recursive: true });
    const clients = sdkClients(ROOT);
    expect(clients).toEqual(expect.arrayContaining(['client-dynamodb', 'client-s3', 'client-sesv2', 'client-sfn']));
    for (const client of clients) {
      const copy = sdkClientCopy(ROOT, client);
      const original = await schemaExports(
        join(ROOT, 'node_modules/@aws-sdk', client, 'dist-es/schemas/schemas_0.js'),
        `${client}-original`,
      );
      const rewritten = await schemaExports(join(copy, 'dist-es/schemas/schemas_0.js'), `${client}-copy`);
      expect(Object.keys(rewritten).sort()).toEqual(Object.keys(original).sort());
      expect(Object.keys(original).length).toBeGreaterThan(10);
      for (const name of Object.keys(original)) {
        expect({ client, name, value: plain(rewritten[name]) }).toEqual({ client, name, value: plain(original[name]) });
      }
    }
  });
});
