/**
 * Tests leave nothing in the system temp directory: the run's own folder (test/global-temp.ts)
 * is where every temporary file of a test goes, and it is removed at the end of the run.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leftBehind } from './global-temp.js';
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

  it('that a test leaves behind are named at the end of the run, apart from the run’s own tsx compile cache', async () => {
    // Prepare: a run folder as a leaky CDK test and a leaky store would leave it
    const root = await mkdtemp(join(tmpdir(), 'run-'));
    try {
      for (const name of ['tsx-0', 'inbox-blobs-Ab12Cd', 'cdk.outXy34Zw']) await mkdir(join(root, name));

      // Act
      const left = leftBehind(root);

      // Assess
      expect(left).toEqual(['cdk.outXy34Zw', 'inbox-blobs-Ab12Cd']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
