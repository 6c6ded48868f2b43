/**
 * cdk-nag's AwsSolutions rules over every stack, as deployed with a built
 * console: no error may be left unsuppressed. Each suppression sits next to
 * the code it excuses, with its reason (grep NagSuppressions).
 */
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleFixture, type Synthesised, synthesise } from './support/synth.js';

describe('cdk-nag AwsSolutions', () => {
  let s: Synthesised;
  let built: Awaited<ReturnType<typeof consoleFixture>>;

  beforeAll(async () => {
    built = await consoleFixture();
    s = await synthesise({
      context: { recipient: 'contact@hightown.example', consoleDist: built.dir },
      aspects: [new AwsSolutionsChecks({ verbose: true })],
    });
  });
  afterAll(async () => {
    await s.cleanup();
    await built.cleanup();
  });

  it.each(['data', 'edge', 'app'] as const)('finds no unsuppressed error in the %s stack', (stack) => {
    const errors = Annotations.fromStack(s[stack]).findError('*', Match.stringLikeRegexp('AwsSolutions-'));

    expect(errors.map((e) => `${e.id}: ${String(e.entry.data).split('\n')[0]}`)).toEqual([]);
  });
});
