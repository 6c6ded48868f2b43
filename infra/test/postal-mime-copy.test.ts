/**
 * postal-mime as the email function bundles it (src/postal-mime-copy.ts): its
 * HTML entity table packed and built on first use must be postal-mime's own
 * table, entry for entry, and postal-mime's entity decoding must answer the
 * same with it, for every name in the table and near misses of each.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packEntities, postalMimeCopy, postalMimeEntities } from '../src/postal-mime-copy.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

type Table = Record<string, string>;
type Decode = (text: string) => string;

async function load(dir: string): Promise<{ table: Table; decode: Decode }> {
  const esm = join(dir, 'dist/esm');
  const { htmlEntities } = await import(pathToFileURL(join(esm, 'html-entities.js')).href);
  const { decodeHTMLEntities } = await import(pathToFileURL(join(esm, 'text-format.js')).href);
  return { table: htmlEntities, decode: decodeHTMLEntities };
}

describe('postal-mime’s copy for the bundles', () => {
  it('has postal-mime’s entity table, every name with and without its semicolon, value for value', async () => {
    const original = await load(join(ROOT, 'node_modules/postal-mime'));
    const copy = await load(postalMimeCopy(ROOT));
    const keys = Object.keys(original.table);
    expect(keys.length).toBeGreaterThan(2000);
    expect(Object.keys(copy.table).sort()).toEqual([...keys].sort());
    for (const key of keys) expect({ key, value: copy.table[key] }).toEqual({ key, value: original.table[key] });
    // What the table does not hold is not there either: lookups of near misses find nothing in both.
    for (const key of keys) {
      const name = key.replace(/;$/, '');
      for (const miss of [name, `${name};`, `${name}x`, `${name}1;`, name.slice(0, -1), `${name.toUpperCase()};`]) {
        expect({ miss, value: copy.table[miss] }).toEqual({ miss, value: original.table[miss] });
      }
    }
  });

  it('decodes text as postal-mime does: every reference, near misses and numeric ones', async () => {
    const original = await load(join(ROOT, 'node_modules/postal-mime'));
    const copy = await load(postalMimeCopy(ROOT));
    const names = Object.keys(original.table).map((key) => key.replace(/;$/, ''));
    const text = [
      ...names.map((name) => `${name}; ${name} ${name}x; ${name}1`),
      'AT&T R&D &#8217; &#x2019; &#128512; &#0; &#xD800; &#x110000; &#65 &unknown; &; &',
    ].join(' &');
    expect(copy.decode(text)).toBe(original.decode(text));
    expect(copy.decode('caf&eacute; &pound5 &copy 2026 &notit;')).toBe('café &pound5 © 2026 &notit;');
  });

  it('reads the table from postal-mime’s file, and refuses what it cannot pack', () => {
    expect(postalMimeEntities(ROOT)['&amp;']).toBe('&');
    expect(() => packEntities({ '&a-b;': 'x' })).toThrow(/cannot pack entity &a-b;/);
    expect(() => packEntities({ '&ab;': 'x', '&ab': 'y' })).toThrow(/forms differ/);
  });
});
