import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IngestOutcome } from '@housing-inbox/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LetterDropFolder } from '../src/letters.js';
import { quietLogger } from '../src/log.js';

describe('the letters drop folder', () => {
  let root: string;
  let now: number;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'inbox-letters-'));
    // The folders start() makes; the tests call scan() themselves instead of its timer.
    for (const dir of ['inbox', 'done', 'quarantined']) await mkdir(join(root, dir));
    now = 1_000_000;
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function drop(name: string) {
    const path = join(root, 'inbox', name);
    await writeFile(path, '%PDF-1.4 a letter');
    // Older than the half second a file still being copied is left for.
    await utimes(path, new Date(Date.now() - 5000), new Date(Date.now() - 5000));
  }

  it('tries a failing file less and less often, then quarantines it with the reason', async () => {
    let tries = 0;
    const given: string[] = [];
    const folder = new LetterDropFolder(
      root,
      async () => {
        tries++;
        throw Object.assign(new Error('OCR engine is down'), { code: 'ECONNREFUSED' });
      },
      quietLogger,
      1000,
      { maxTries: 3, now: () => now, giveUp: async (_file, name, reason) => void given.push(`${name}: ${reason}`) },
    );
    await drop('scan.pdf');

    await folder.scan(); // try 1
    await folder.scan(); // not due yet: nothing
    now += 2_000;
    await folder.scan(); // try 2
    now += 2_000;
    await folder.scan(); // not due (four polls after try 2)
    now += 4_000;
    await folder.scan(); // try 3: given up

    expect(tries).toBe(3);
    expect(given).toEqual(['scan.pdf: gave up after 3 tries: OCR engine is down']);
    expect(await readdir(join(root, 'inbox'))).toEqual([]);
    expect(await readdir(join(root, 'quarantined'))).toEqual([expect.stringMatching(/-scan\.pdf$/)]);
  });

  it('moves a file with a name too long for the disk once it is ingested', async () => {
    const outcome: IngestOutcome = { outcome: 'created', caseRef: 'HT-2026-000001', messageId: 'm' };
    const folder = new LetterDropFolder(root, async () => outcome, quietLogger, 1000, { now: () => now });
    const long = `${'ŵ'.repeat(120)}.pdf`;
    await drop(long);
    await folder.scan();
    expect(await readdir(join(root, 'inbox'))).toEqual([]);
    expect((await readdir(join(root, 'done')))[0]?.length).toBeLessThan(120);
  });
});
