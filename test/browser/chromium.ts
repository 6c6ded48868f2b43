/**
 * Debian's Chromium for the browser tests: installed with apt when missing
 * (CI runs as root on a fresh machine), never a browser download of a test tool.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

/** Installs Debian's chromium package once; a lock keeps parallel test files from racing apt. */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const sudo = process.getuid?.() === 0 ? '' : 'sudo -n ';
  const script = `test -x ${CHROMIUM} || { ${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends chromium; }`;
  execFileSync('flock', ['/tmp/housing-inbox-chromium-install.lock', 'sh', '-c', script], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 15 * 60_000,
  });
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get did not install ${CHROMIUM}`);
  return CHROMIUM;
}

/**
 * Headless, and quiet on a closed network. Playwright starts every browser
 * with a fresh temporary --user-data-dir of its own (and removes it on close);
 * it refuses one given here, so none is.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];
