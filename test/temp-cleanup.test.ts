/**
 * Tests leave nothing in the system temp directory: the run's own folder (test/global-temp.ts)
 * is where every temporary file of a test goes, and it is removed at the end of the run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestStore } from './support/stack.js';

describe('temporary folders of a test run', () => {
  it('are made inside the run’s own folder, by tests and by the processes they start', async () => {
    // Prepare
    const root = process.env.INBOX_TEST_TMP_ROOT as string;

    // Act
    const dir = await mkdtemp(join(tmpdir(), 'probe-'));
    const child = execFileSync(process.execPath, ['-p', 'require("node:os").tmpdir()'], { encoding: 'utf8' }).trim();
    await rm(dir, { recursive: true });

    // Assess
    expect(root).toMatch(/housing-inbox-test-run-/);
    expect(dirname(dir)).toBe(root);
    expect(child).toBe(root);
  });

  it('include the blob folder of a test store, which stopping the store removes', async () => {
    // Prepare
    const store = await startTestStore();

    // Act
    await store.stop();

    // Assess
    expect(dirname(store.blobDir)).toBe(process.env.INBOX_TEST_TMP_ROOT);
    await expect(rm(store.blobDir)).rejects.toThrow(/ENOENT/);
  });
});
