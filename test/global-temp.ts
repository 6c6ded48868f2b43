/**
 * vitest globalSetup: every test run gets a temporary folder of its own and
 * points TMPDIR at it before any test file starts, so whatever the tests (and
 * the tools they run: the CDK's cdk.out folders, local stacks' data and blob
 * folders, Chromium profiles) create "in the system temp directory" is created
 * inside it. At the end the folder is removed with everything in it — only
 * this run's folder, nothing else in the system temp directory — and what the
 * tests themselves left behind is named on stderr, so a leak is seen and
 * fixed where it starts.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const systemTmp = tmpdir();
  const root = mkdtempSync(join(systemTmp, 'housing-inbox-test-run-'));
  process.env.TMPDIR = root;
  process.env.INBOX_TEST_TMP_ROOT = root;
  return () => {
    const left = readdirSync(root);
    if (left.length > 0) {
      const names = [...new Set(left.map((n) => n.replace(/[-.]?[A-Za-z0-9]{6}$/, '-*')))].sort();
      process.stderr.write(
        `test temp folders not removed by the tests that made them (removed now): ${names.join(', ')}\n`,
      );
    }
    rmSync(root, { recursive: true, force: true });
    process.env.TMPDIR = systemTmp;
  };
}
