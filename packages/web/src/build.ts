/**
 * The console's Vite build, from code (no vite.config file to drift from it).
 * Builds into a fresh folder and swaps it in, so a server (or a second test
 * worker) never reads a half-written dist/.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { build, type InlineConfig } from 'vite';

export function viteConfig(packageDir: string, outDir: string): InlineConfig {
  return {
    configFile: false,
    root: packageDir,
    base: '/console/',
    logLevel: 'warn',
    mode: 'production',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      // Chromium, Firefox, Safari of the last few years: officers' managed desktops.
      target: 'es2022',
      sourcemap: false,
      // Never inline assets as data: URLs into JS; keep the CSP simple.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
    },
  };
}

export async function buildConsole(options: {
  packageDir: string;
  outDir: string;
  log?: (line: string) => void;
}): Promise<void> {
  const started = Date.now();
  const tmp = `${options.outDir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  // Vite and the React plugin decide "production" from NODE_ENV, which vitest sets to "test".
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build(viteConfig(options.packageDir, tmp));
    await writeFile(join(tmp, '.built'), new Date().toISOString());
    await rm(options.outDir, { recursive: true, force: true });
    try {
      await rename(tmp, options.outDir);
    } catch (err) {
      // Another process swapped in its build first: theirs is as good as ours.
      if (!['ENOTEMPTY', 'EEXIST'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
    }
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    await rm(tmp, { recursive: true, force: true });
  }
  options.log?.(`console built in ${Date.now() - started} ms`);
}
