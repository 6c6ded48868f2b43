/**
 * Writes src/phone-metadata.json: the slice of libphonenumber-js's own `min`
 * metadata (node_modules/libphonenumber-js/metadata.min.json, the version
 * package.json pins) that `normalisePhone` needs. Normalising gives E.164 and
 * formats nothing, so every country keeps what parsing and the "possible"
 * check read (calling code, international and national prefixes, number
 * pattern, possible lengths, types for countries sharing a code) and loses
 * its formatting rules, which are most of the file (~83 KB → ~32 KB, in every
 * function's bundle). Why not the library's `libphonenumber-metadata-generator`
 * (the documented way to custom metadata): it fetches Google's
 * PhoneNumberMetadata.xml from the internet, and this machine and CI are
 * offline; slicing the pinned metadata keeps exactly the data the default
 * import uses. test/phone-numbers.test.ts fails when the
 * slice and the full metadata disagree on any number it tries. Run after
 * upgrading libphonenumber-js:
 *
 *   npm run phone-metadata -w @housing-inbox/core
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Where a country's formats sit in metadata version 4 (libphonenumber-js METADATA.md). */
const FORMATS = 4;

type Entry = unknown[];
interface Metadata {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, Entry>;
  nonGeographic?: Record<string, Entry>;
}

/** Drops an entry's formats, and the empty fields that trail it. */
function withoutFormats(entry: Entry): Entry {
  const copy = [...entry];
  copy[FORMATS] = 0;
  while (copy.length > 0 && (copy.at(-1) === 0 || copy.at(-1) === null)) copy.pop();
  return copy;
}

export function sliceMetadata(full: Metadata): Metadata {
  if (full.version !== 4) throw new Error(`metadata version ${full.version}: check FORMATS before slicing`);
  const countries = Object.fromEntries(
    Object.entries(full.countries).map(([code, entry]) => [code, withoutFormats(entry)]),
  );
  const nonGeographic = full.nonGeographic
    ? Object.fromEntries(Object.entries(full.nonGeographic).map(([code, entry]) => [code, withoutFormats(entry)]))
    : undefined;
  return { ...full, countries, ...(nonGeographic ? { nonGeographic } : {}) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const require = createRequire(import.meta.url);
  const full = JSON.parse(readFileSync(require.resolve('libphonenumber-js/metadata.min.json'), 'utf8')) as Metadata;
  writeFileSync(new URL('../src/phone-metadata.json', import.meta.url), `${JSON.stringify(sliceMetadata(full))}\n`);
}
