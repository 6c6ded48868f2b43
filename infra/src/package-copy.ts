/**
 * A rewritten copy of an installed package under node_modules/.cache, which
 * bundling.ts aliases the package to (the SDK clients' copies, sdk-schemas.ts;
 * postal-mime's, postal-mime-copy.ts). Made when missing or stale, judged by a
 * stamp (the installed version and the rewrite's own version); built in a
 * folder of its own and renamed into place, so two builds at once (vitest
 * workers, CDK assets) never see half a copy.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STAMP = '.inbox-copy.json';

/**
 * `target` as `fill` writes it into an empty folder, unless a copy with the
 * same `stamp` (any JSON-able value) is already there; returns `target`.
 */
export function packageCopy(target: string, stamp: unknown, fill: (folder: string) => void): string {
  const stampText = JSON.stringify(stamp);
  const stampFile = join(target, STAMP);
  const current = () => existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stampText;
  if (current()) return target;

  const building = `${target}.${process.pid}.${Date.now()}`;
  mkdirSync(building, { recursive: true });
  fill(building);
  writeFileSync(join(building, STAMP), stampText);
  if (current()) {
    // Another build made it meanwhile: keep theirs (a bundle may be reading it).
    rmSync(building, { recursive: true, force: true });
    return target;
  }
  rmSync(target, { recursive: true, force: true });
  try {
    renameSync(building, target);
  } catch (error) {
    // Another build put the same copy in place first.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(stampFile)) throw error;
  }
  return target;
}

/** The fields of a package.json worth keeping in a copy: `fields` of `manifest`, in that order. */
export function keptFields(manifest: Record<string, unknown>, fields: string[]): string {
  const kept = fields.filter((field) => field in manifest).map((field) => [field, manifest[field]]);
  return `${JSON.stringify(Object.fromEntries(kept), null, 2)}\n`;
}
