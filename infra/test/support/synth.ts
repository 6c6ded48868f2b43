/**
 * Synthesises the whole app once, as `cdk synth` would: the context from the
 * repository's cdk.json, real esbuild bundling (offline), into a temporary
 * folder. Tests read the templates and the bundles from it. The console is
 * left out unless a test gives a built one (`consoleFixture`), so a test does
 * not depend on whether packages/web/dist happens to exist.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Aspects, type IAspect } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll } from 'vitest';
import { createHousingInbox, type HousingInbox } from '../../src/housing-inbox.js';

const cdkJson = JSON.parse(readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * An output folder for a test's own `new App({ outdir: scratchOutdir() })`, removed after the
 * test file (without one, the CDK makes a `cdk.out…` folder in the system temp directory and
 * leaves it there).
 */
export function scratchOutdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'housing-inbox-cdk-'));
  scratch.push(dir);
  return dir;
}

/** The repository's cdk.json context (feature flags), for tests that build a stack of their own. */
export const CDK_JSON_CONTEXT = cdkJson.context;

export interface Synthesised extends HousingInbox {
  outdir: string;
  dataTemplate: Template;
  edgeTemplate: Template;
  appTemplate: Template;
  cleanup(): Promise<void>;
}

export interface SynthOptions {
  context?: Record<string, unknown>;
  /** Bundle the functions with esbuild (slow; only the tests that look at bundles need it). */
  bundle?: boolean;
  /** Run CDK's built-in CloudFormation validation (a few seconds per synth). */
  validate?: boolean;
  /** Aspects applied to the whole app before it is synthesised (e.g. cdk-nag's checks). */
  aspects?: IAspect[];
}

/** What every deployment must say: the region, and where alarms go. Tests override as they need. */
export const REQUIRED_CONTEXT = { region: 'eu-west-2', alertEmail: 'ops@hightown.example' };

export async function synthesise({
  context = {},
  bundle = false,
  validate = false,
  aspects = [],
}: SynthOptions = {}): Promise<Synthesised> {
  const outdir = await mkdtemp(join(tmpdir(), 'housing-inbox-cdk-'));
  const app = new App({
    outdir,
    builtinCloudFormationValidation: validate,
    context: {
      ...cdkJson.context,
      ...REQUIRED_CONTEXT,
      ...(bundle ? {} : NO_BUNDLING),
      consoleDist: NO_CONSOLE,
      ...context,
    },
  });
  const inbox = createHousingInbox(app);
  for (const aspect of aspects) Aspects.of(app).add(aspect);
  app.synth();
  return {
    ...inbox,
    outdir,
    dataTemplate: Template.fromStack(inbox.data),
    edgeTemplate: Template.fromStack(inbox.edge),
    appTemplate: Template.fromStack(inbox.app),
    cleanup: () => rm(outdir, { recursive: true, force: true }),
  };
}

/** A context that skips bundling (for tests that only look at settings). */
export const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

/** A console folder that is never there: synth skips the upload. */
export const NO_CONSOLE = join(tmpdir(), 'housing-inbox-no-console-build');

/** A built console as Vite leaves it (index.html, hashed assets, the build marker) in a temporary folder. */
export async function consoleFixture(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'housing-inbox-console-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><html lang="en-GB"><head><script type="module" src="/console/assets/index-3f1c.js"></script>' +
      '<link rel="stylesheet" href="/console/assets/index-9a2b.css"></head><body><div id="root"></div></body></html>',
  );
  await writeFile(join(dir, 'assets', 'index-3f1c.js'), 'console.log("console");');
  await writeFile(join(dir, 'assets', 'index-9a2b.css'), 'body{margin:0}');
  await writeFile(join(dir, '.built'), '2026-12-01T10:00:00.000Z');
  // A local config.json must not reach the cloud: the deploy writes its own.
  await writeFile(join(dir, 'config.json'), '{"auth":"local"}');
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
