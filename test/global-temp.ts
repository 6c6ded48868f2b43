/**
 * vitest globalSetup: every test run gets a temporary folder of its own and
 * points TMPDIR at it before any test file starts, so whatever the tests (and
 * the tools they run: the CDK's cdk.out folders, local stacks' data and blob
 * folders, Chromium profiles) create "in the system temp directory" is created
 * inside it. Only this run writes there, so nothing another process on the
 * machine does can be mistaken for a leak. At the end the folder is removed
 * with everything in it; if a test left anything behind (`leftBehind`), the run
 * fails naming it, so a leak is fixed in the test that makes it (afterAll,
 * try/finally) and this clean-up stays a safety net.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * tsx's compile cache, `tsx-<uid>`: the `node --import tsx` processes that tests start (the CLI,
 * the crash and restart tests) share it so each does not compile the sources again. It belongs to
 * the run, not to a test, and goes with the run's folder.
 */
const RUN_CACHE = /^tsx-\d+$/;

/** What tests left in the run's temporary folder `root`: names, sorted, the run's own caches left out. */
export function leftBehind(root: string): string[] {
  return readdirSync(root)
    .filter((name) => !RUN_CACHE.test(name))
    .sort();
}

export default function setup(): () => void {
  const systemTmp = tmpdir();
  const root = mkdtempSync(join(systemTmp, 'housing-inbox-test-run-'));
  process.env.TMPDIR = root;
  process.env.INBOX_TEST_TMP_ROOT = root;
  return () => {
    const left = leftBehind(root);
    rmSync(root, { recursive: true, force: true });
    process.env.TMPDIR = systemTmp;
    if (left.length > 0) {
      process.exitCode = 1;
      throw new Error(
        `tests left ${left.length} item(s) in the temporary directory (removed now): ${left.join(', ')}. ` +
          'Each test must remove what it makes (afterAll or try/finally).',
      );
    }
  };
}
