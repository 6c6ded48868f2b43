/**
 * The functions as Lambda runs them, against moto: bundled by esbuild exactly
 * as CDK bundles them (infra/src/bundling.ts: the SDK clients from their
 * copies with literal-keyed schemas, no event-stream codec, the environment
 * credentials only), started in a plain `node` with the environment CDK gives
 * them and moto's endpoint in `AWS_ENDPOINT_URL`. The other files here run the
 * sources; this one proves what is shipped speaks the AWS APIs the same.
 */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snsEvent, twoWaySms } from '../../functions/test/support/events.js';
import { bundleOptions, lazyChunksOf } from '../../infra/src/bundling.js';
import { type MotoBed, startMotoBed } from './support/moto.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Inside the repository, so what a bundle leaves out resolves as on Lambda's copy. */
const OUT = join(ROOT, 'node_modules/.cache/aws-bundles');

/** Runs `script` (an ES module) in a fresh node with `env` only; its last line of output, parsed. */
async function inNode(script: string, env: Record<string, string>): Promise<unknown> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    cwd: OUT,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string);
}

describe('the bundled functions on moto', { timeout: 120_000 }, () => {
  let bed: MotoBed;
  let lambdaEnv: Record<string, string>;

  beforeAll(async () => {
    bed = await startMotoBed('bundles');
    await mkdir(OUT, { recursive: true });
    lambdaEnv = {
      ...bed.env,
      AWS_REGION: 'eu-west-2',
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_ENDPOINT_URL: bed.endpoint,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    };
  });
  afterAll(() => bed.stop());

  it('the SMS function files a text: raw kept in S3, the case in DynamoDB, its timer started', async () => {
    const outfile = join(OUT, 'inbound-sms.mjs');
    await build({ ...bundleOptions(ROOT, 'inbound-sms'), outfile, logLevel: 'silent' });
    const text = twoWaySms({
      originationNumber: '+447700900321',
      inboundMessageId: 'bundled-sms-1',
      messageBody: 'The boiler at 3 Ash Close has no pressure',
    });
    const event = snsEvent(text, { topic: 'housing-inbox-inbound-sms', messageId: 'bundled-1' });
    const { FROM_ADDRESS: _sender, ...ingestEnv } = lambdaEnv;

    await inNode(
      `const { handler } = await import(${JSON.stringify(pathToFileURL(outfile).href)});
       await handler(${JSON.stringify(event)}, { getRemainingTimeInMillis: () => 30000, awsRequestId: 'bundled-1' });
       console.log('true');`,
      ingestEnv,
    );

    const runtime = bed.runtime();
    const { items } = await runtime.repository.listQueue({ queue: 'all' }, { limit: 100 });
    const filed = [];
    for (const c of items) {
      const history = await runtime.repository.getCaseWithHistory(c.ref);
      if (history?.contact?.phone === '+447700900321') filed.push(history);
    }
    expect(filed).toHaveLength(1);
    expect(filed[0]?.case.channel).toBe('sms');
    const ref = filed[0]?.case.ref as string;
    expect((await bed.executions()).map((e) => e.name)).toContainEqual(expect.stringMatching(new RegExp(`^${ref}-`)));
    const listed = await bed.clients.s3.send(new ListObjectsV2Command({ Bucket: bed.names.bucket }));
    const keys = (listed.Contents ?? []).map((o) => o.Key as string);
    const raws = await Promise.all(
      keys.map(async (Key) => {
        const got = await bed.clients.s3.send(new GetObjectCommand({ Bucket: bed.names.bucket, Key }));
        return got.Body?.transformToString();
      }),
    );
    expect(raws.some((raw) => raw?.includes('no pressure'))).toBe(true);
  });

  it('the senders as the act step bundles them: an email through SES v2, a text through SNS, a letter into S3', async () => {
    const outfile = join(OUT, 'senders.mjs');
    await build({
      ...bundleOptions(ROOT, 'timer-act'),
      entryPoints: undefined,
      stdin: {
        contents: `import { cloudSenders } from './lib/outbound.js';
          import { putLetterLater } from './lib/letter-put.js';
          import { loadPolicy } from '@housing-inbox/policies';
          import { systemClock } from '@housing-inbox/core';
          const env = { LETTERS_PREFIX: 'letters/outgoing', ...process.env };
          const out = cloudSenders({ env, policy: loadPolicy('hightown'), bucketName: env.BUCKET_NAME, clock: systemClock,
            putLetter: putLetterLater });
          const base = { caseRef: 'HT-2026-0000042', purpose: 'acknowledgement', subject: 'We have your message', body: 'Thank you.' };
          const email = await out.mailer.sendEmail({ ...base, id: 'bundled-email-1', to: 'bundled.resident@example.net',
            messageId: '<bundled-email-1@inbox.hightown.example>' });
          const text = await out.sms.sendSms({ ...base, id: 'bundled-text-1', to: '+447700900654' });
          const letter = await out.letters.queueLetter({ ...base, id: 'bundled-letter-1', largePrint: false,
            to: { name: 'Sam Resident', address: '3 Ash Close, Hightown, HT1 2AB' } });
          console.log(JSON.stringify({ email: email.providerMessageId, text: text.providerMessageId, letter: letter.blobKey }));`,
        resolveDir: join(ROOT, 'functions/src'),
        loader: 'ts',
      },
      outfile,
      logLevel: 'silent',
    });
    // The act step's lazy chunks beside it, as CDK builds them: the letter renderer and the S3 client.
    for (const chunk of lazyChunksOf('timer-act')) {
      await promisify(execFile)(process.execPath, [
        join(ROOT, 'infra/bundling/lazy-chunk.mjs'),
        ROOT,
        OUT,
        chunk.source,
        chunk.file,
      ]);
    }
    expect(lazyChunksOf('timer-act').map((chunk) => chunk.file)).toContain('./letter-s3.js');

    const sent = (await inNode(`await import(${JSON.stringify(pathToFileURL(outfile).href)});`, lambdaEnv)) as {
      email: string;
      text: string;
      letter: string;
    };

    expect(sent.email).toEqual(expect.any(String));
    expect(sent.text).toEqual(expect.any(String));
    expect(await bed.sentEmails('bundled.resident@example.net')).toHaveLength(1);
    expect(await bed.sentTexts('+447700900654')).toHaveLength(1);
    // The letter is in the payload bucket, where the supplier collects it, as a PDF.
    expect(sent.letter).toMatch(/^letters\/outgoing\/\d{4}-\d{2}-\d{2}\/bundled-letter-1\.pdf$/);
    const put = await bed.clients.s3.send(new GetObjectCommand({ Bucket: bed.names.bucket, Key: sent.letter }));
    expect((await put.Body?.transformToString())?.startsWith('%PDF-')).toBe(true);
  });
});
