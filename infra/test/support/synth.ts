/**
 * Synthesises the whole app once, as `cdk synth` would: the context from the
 * repository's cdk.json, real esbuild bundling (offline), into a temporary
 * folder. Tests read the templates and the bundles from it.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { createHousingInbox, type HousingInbox } from '../../src/housing-inbox.js';

const cdkJson = JSON.parse(readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

export interface Synthesised extends HousingInbox {
  outdir: string;
  dataTemplate: Template;
  appTemplate: Template;
  cleanup(): Promise<void>;
}

export interface SynthOptions {
  context?: Record<string, unknown>;
  /** Bundle the functions with esbuild (slow; only the tests that look at bundles need it). */
  bundle?: boolean;
  /** Run CDK's built-in CloudFormation validation (a few seconds per synth). */
  validate?: boolean;
}

export async function synthesise({
  context = {},
  bundle = false,
  validate = false,
}: SynthOptions = {}): Promise<Synthesised> {
  const outdir = await mkdtemp(join(tmpdir(), 'housing-inbox-cdk-'));
  const app = new App({
    outdir,
    builtinCloudFormationValidation: validate,
    context: { ...cdkJson.context, ...(bundle ? {} : NO_BUNDLING), ...context },
  });
  const inbox = createHousingInbox(app);
  app.synth();
  return {
    ...inbox,
    outdir,
    dataTemplate: Template.fromStack(inbox.data),
    appTemplate: Template.fromStack(inbox.app),
    cleanup: () => rm(outdir, { recursive: true, force: true }),
  };
}

/** A context that skips bundling (for tests that only look at settings). */
export const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
