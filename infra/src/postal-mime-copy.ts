/**
 * postal-mime as the email function bundles it: a copy under
 * node_modules/.cache/inbox-postal-mime/ (its ES build and package.json),
 * aliased there by bundling.ts, in which `html-entities.js` (the WHATWG named
 * character references: a 2,231-entry object literal, ~46 KB minified, built
 * at every start) is the same table written compactly (~20 KB, ASCII) and
 * built on first use: postal-mime reads it only when it renders an HTML part
 * as plain text for a message that mixes plain and HTML parts. The table is
 * made from postal-mime's own file at copy time, so it is that file's data
 * and no other's (infra/test/postal-mime-copy.test.ts compares them key by key).
 * The rest of the copy is byte for byte postal-mime's; it is remade whenever
 * the installed version or this rewrite (REWRITE_VERSION) changes.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { keptFields, packageCopy } from './package-copy.js';

/** Bumped when the rewrite changes, so older copies are remade. */
const REWRITE_VERSION = 1;

/** Where the copy is, repository-relative. */
export const POSTAL_MIME_COPY = 'node_modules/.cache/inbox-postal-mime';

/**
 * The table as one ASCII string: names sorted, each written after the length
 * of the prefix it shares with the one before (a base-36 digit), then `!` for
 * a name with and without its `;` (the legacy ones), `:` with it only, `=`
 * without it only, then its code points in base 36, separated by `.`; names
 * separated by `,`. Throws when the table has anything this cannot write.
 */
export function packEntities(table: Record<string, string>): string {
  const names = new Map<string, { semicolon?: string; bare?: string }>();
  for (const [key, value] of Object.entries(table)) {
    const match = /^&([A-Za-z0-9]+)(;?)$/.exec(key);
    if (!match || typeof value !== 'string' || value.length === 0) throw new Error(`cannot pack entity ${key}`);
    const entry = names.get(match[1] as string) ?? {};
    if (match[2]) entry.semicolon = value;
    else entry.bare = value;
    names.set(match[1] as string, entry);
  }
  let previous = '';
  const out: string[] = [];
  for (const name of [...names.keys()].sort()) {
    const { semicolon, bare } = names.get(name) as { semicolon?: string; bare?: string };
    if (semicolon !== undefined && bare !== undefined && semicolon !== bare) {
      throw new Error(`cannot pack entity ${name}: its forms differ`);
    }
    let shared = 0;
    while (shared < Math.min(35, name.length - 1, previous.length) && name[shared] === previous[shared]) shared++;
    const form = semicolon !== undefined && bare !== undefined ? '!' : semicolon !== undefined ? ':' : '=';
    const value = (semicolon ?? bare) as string;
    const codePoints = [...value].map((c) => (c.codePointAt(0) as number).toString(36)).join('.');
    out.push(`${shared.toString(36)}${name.slice(shared)}${form}${codePoints}`);
    previous = name;
  }
  return out.join(',');
}

/** The module that stands for postal-mime's html-entities.js: the packed table, unpacked on first use. */
export function entitiesModule(packed: string): string {
  return `// Made by infra/src/postal-mime-copy.ts from postal-mime's html-entities.js: the same table, packed.
const PACKED = ${JSON.stringify(packed)};
let table;
function unpack() {
  const out = {};
  let previous = '';
  for (const item of PACKED.split(',')) {
    const at = item.search(/[!:=]/);
    const name = previous.slice(0, parseInt(item[0], 36)) + item.slice(1, at);
    const value = String.fromCodePoint(...item.slice(at + 1).split('.').map((n) => parseInt(n, 36)));
    if (item[at] !== '=') out['&' + name + ';'] = value;
    if (item[at] !== ':') out['&' + name] = value;
    previous = name;
  }
  return out;
}
const of = () => (table ??= unpack());
export const htmlEntities = new Proxy({}, {
  get: (_target, key) => of()[key],
  has: (_target, key) => key in of(),
  ownKeys: () => Reflect.ownKeys(of()),
  getOwnPropertyDescriptor: (_target, key) => Reflect.getOwnPropertyDescriptor(of(), key),
});
`;
}

/**
 * postal-mime's table, as its html-entities.js makes it: the module's one
 * statement, `export const htmlEntities = {…}`, run in a context of its own
 * (synchronously: bundling.ts's aliases are made when CDK asks for them).
 */
export function postalMimeEntities(root: string): Record<string, string> {
  const file = join(root, 'node_modules', 'postal-mime', 'dist', 'esm', 'html-entities.js');
  const source = readFileSync(file, 'utf8');
  const script = source.replace(/^export const htmlEntities =/m, 'var htmlEntities =');
  if (script === source) throw new Error(`${file} no longer starts its table as postal-mime 4 did`);
  const context: { htmlEntities?: Record<string, string> } = {};
  runInNewContext(script, context);
  if (!context.htmlEntities) throw new Error(`${file} made no table`);
  return context.htmlEntities;
}

/** Makes (when missing or stale) the copy and returns its folder. */
export function postalMimeCopy(root: string): string {
  const source = join(root, 'node_modules', 'postal-mime');
  const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as Record<string, unknown>;
  return packageCopy(
    join(root, POSTAL_MIME_COPY),
    { version: manifest.version, rewrite: REWRITE_VERSION },
    (folder) => {
      const esm = join(folder, 'dist', 'esm');
      mkdirSync(esm, { recursive: true });
      for (const file of readdirSync(join(source, 'dist', 'esm')).filter((f) => f.endsWith('.js'))) {
        copyFileSync(join(source, 'dist', 'esm', file), join(esm, file));
      }
      writeFileSync(join(esm, 'html-entities.js'), entitiesModule(packEntities(postalMimeEntities(root))));
      const only = { ...manifest, exports: { '.': { import: './dist/esm/postal-mime.js' } } };
      writeFileSync(
        join(folder, 'package.json'),
        keptFields(only, ['name', 'version', 'license', 'type', 'module', 'exports']),
      );
    },
  );
}
