import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, 'fixtures');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(dir, name)));
}

export const RECEIVED = '2026-03-16T09:30:00.000Z';
