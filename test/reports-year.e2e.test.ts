/**
 * Issue 13: a scripted year in each nation on the local stack, through the
 * HTTP API, with the answers counted by hand (working days in the comments;
 * 2030 bank holidays: England Good Friday 19 April, Easter Monday 22 April,
 * early May 6 May; Scotland Good Friday 19 April, summer 5 August). The
 * financial year 2030-31 runs 1 April 2030 to 31 March 2031.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack } from '@housing-inbox/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { apiAs } from './support/http.js';
import { ingestEmail, rawEmail } from './support/mail.js';

/** `inbox …` in-process against the stack's data folder. */
const inbox = runCli;

async function scriptedStack(policy: 'hightown' | 'blairtummock') {
  const dataDir = await mkdtemp(join(tmpdir(), `inbox-year-${policy}-`));
  // Both scripted years begin on Monday 4 March 2030 at 10:00: the clock starts just before, whatever the wall time.
  const stack = await startLocalStack({
    dataDir,
    inMemory: true,
    policy,
    startAt: new Date('2030-03-04T09:00:00Z'),
  }).catch(async (err) => {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  });
  const api = apiAs(() => stack);
  const manager = stack.officers.find((o) => o.role === 'manager')?.id as string;
  /** The stack's clock moves to `iso`, and every timer due by then has run (acknowledgements go out). */
  const moveTo = async (iso: string) => {
    await stack.clock.set(new Date(iso));
    await stack.timers.tick();
    await stack.timers.tick();
  };
  let n = 0;
  const email = async (subject: string, body: string, from = `resident${++n}@resident.example`) =>
    (await ingestEmail(stack, rawEmail({ id: `m${++n}`, subject, body, from: `"R" <${from}>` }))).caseRef;
  const run = async (ref: string, command: string, body: unknown, expected = 200) => {
    const res = await api(manager, 'POST', `/api/cases/${ref}/${command}`, body);
    expect(res.status, `${command} on ${ref}: ${JSON.stringify(res.body)}`).toBe(expected);
    return res.body;
  };
  const reply = (ref: string) => run(ref, 'reply', { body: 'Our answer to your complaint.' });
  const get = async (path: string) => {
    const res = await api(manager, 'GET', path);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  return {
    stack,
    api,
    manager,
    moveTo,
    email,
    run,
    reply,
    get,
    stop: async () => {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

describe('Hightown (England): a scripted year and its months', () => {
  let s: Awaited<ReturnType<typeof scriptedStack>>;
  const ref: Record<string, string> = {};
  const r = (k: string) => ref[k] as string;

  beforeAll(async () => {
    s = await scriptedStack('hightown');
    // A: stage 1 received Monday 4 March 2030 (2029-30), acknowledged at once: target 18 March.
    await s.moveTo('2030-03-04T10:00:00Z');
    ref.A = await s.email('Complaint', 'I want to make a complaint about the noise');
    await s.moveTo('2030-03-04T10:05:00Z');
    await s.moveTo('2030-03-11T10:00:00Z');
    await s.reply(r('A'));
    // The resident asks for stage 2 on Monday 8 April (2030-31): the stage 2 target is 20 working days, 9 May.
    await s.moveTo('2030-04-08T09:00:00Z');
    await s.run(r('A'), 'escalate', { reason: 'Still noisy', requestedAt: '2030-04-08T09:00:00Z' });
    // B, C, D, E: stage 1 complaints on Monday 15 April, acknowledged at once: target Wednesday 1 May
    // (16, 17, 18, 23, 24, 25, 26, 29, 30 April, 1 May: Good Friday and Easter Monday skipped).
    await s.moveTo('2030-04-15T09:00:00Z');
    for (const k of ['B', 'C', 'D', 'E'])
      ref[k] = await s.email(`Complaint ${k}`, 'I want to make a complaint about the repairs service');
    // F: a duplicate, closed without a reply. G: an email answered on time, then a follow-up.
    ref.F = await s.email('Bins', 'When are the bins collected?');
    ref.G = await s.email('Parking', 'Can I have a parking permit?', 'g@resident.example');
    await s.moveTo('2030-04-15T09:10:00Z');
    await s.reply(r('A')); // stage 2 answered well within its 20 working days
    await s.run(r('F'), 'close', { reason: 'Duplicate of another case' });
    await s.moveTo('2030-04-17T10:00:00Z');
    await s.reply(r('G')); // 2 working days: on time
    await s.moveTo('2030-04-23T10:00:00Z');
    await ingestEmail(
      s.stack,
      rawEmail({
        id: 'g-again',
        subject: `Re: ${r('G')}`,
        body: 'Thanks, one more question.',
        from: '"R" <g@resident.example>',
      }),
    );
    // D: an extension of 5 working days recorded before the target: 9 May (2, 3, 7, 8, 9 May; 6 May is a bank holiday).
    await s.moveTo('2030-04-30T10:00:00Z');
    await s.run(r('D'), 'delay', { reason: 'Waiting for the contractor’s report', extensionWorkingDays: 5 });
    // B answered on its target day.
    await s.moveTo('2030-05-01T15:00:00Z');
    await s.reply(r('B'));
    // C answered a day late; E's extension comes after the target and is refused, so E is late too.
    await s.moveTo('2030-05-02T10:00:00Z');
    await s.reply(r('C'));
    await s.run(r('E'), 'delay', { reason: 'Too late', extensionWorkingDays: 5 }, 400);
    await s.moveTo('2030-05-03T10:00:00Z');
    await s.reply(r('E'));
    await s.moveTo('2030-05-08T10:00:00Z');
    await s.reply(r('D'));
    // K, N, P: emails on Monday 13 May, target Tuesday 28 May (14-17, 20-24, 28 May; 27 May is a bank holiday).
    // K stays open, untouched, past its target until it is answered on Monday 5 August; N is merged into K
    // and P closed as K's duplicate on Monday 10 June, both after their target.
    await s.moveTo('2030-05-13T10:00:00Z');
    ref.K = await s.email('Fence', 'The garden fence is down', 'k@resident.example');
    ref.N = await s.email('Fence again', 'Still no answer about the fence', 'n@resident.example');
    ref.P = await s.email('Fence', 'The garden fence is down', 'p@resident.example');
    // An emergency repair reported Monday 3 June 08:00 BST, done by 14:00 (6 hours).
    await s.moveTo('2030-06-03T07:00:00Z');
    ref.R1 = await s.email('Front door', 'The front door lock is broken and will not close');
    await s.run(r('R1'), 'reclassify', { category: 'repair', priority: 'emergency', reason: 'Cannot secure the home' });
    await s.moveTo('2030-06-03T13:30:00Z');
    await s.run(r('R1'), 'repair-completed', { at: '2030-06-03T13:00:00Z' });
    await s.moveTo('2030-06-10T10:00:00Z');
    await s.run(r('K'), 'merge', { from: r('N'), reason: 'The same fence' });
    await s.run(r('P'), 'close', { reason: 'The same fence', duplicateOf: r('K') });
    await s.moveTo('2030-08-05T10:00:00Z');
    await s.run(r('K'), 'reply', { body: 'The fence will be replaced.' });
    await s.moveTo('2031-04-02T10:00:00Z');
  }, 240_000);
  afterAll(async () => s?.stop());

  it('keeps stage 1 whole when the complaint is escalated', async () => {
    const kase = await s.get(`/api/cases/${r('A')}`);
    expect(kase.kind).toBe('complaint-stage-2');
    expect(kase.previousAnswers?.[0]).toMatchObject({
      kind: 'complaint-stage-1',
      // The stack's clock runs on from where it was set: the instants are that minute.
      receivedAt: expect.stringMatching(/^2030-03-04T10:00/),
      respondedAt: expect.stringMatching(/^2030-03-11T10:00/),
      responseOutcome: 'met',
    });
  });

  it('returns the TSM figures for 2030-31 and 2029-30 as counted by hand', async () => {
    const year = await s.get('/api/reports/regulator?year=2030');
    expect(year).toEqual({
      year: '2030-31',
      framework: 'tsm',
      homes: 1250,
      // Stage 1: B, C, D, E (A's stage 1 was 2029-30); stage 2: A, escalated in April.
      CH01: { stage1: { received: 4, perThousandHomes: 3.2 }, stage2: { received: 1, perThousandHomes: 0.8 } },
      // B on the day, D within its extension; C a day late, E late (its extension came after the target).
      CH02: {
        stage1: { responded: 4, withinTimescale: 2, proportion: 0.5 },
        stage2: { responded: 1, withinTimescale: 1, proportion: 1 },
      },
      // R1 was done in 6 hours, but Hightown publishes no repair timescales for RP02 to judge it by
      // (its customer service policy sets none): completed, never "within target", no proportion.
      RP02: {
        emergency: { completed: 1, withinTarget: 0, proportion: null },
        nonEmergency: { completed: 0, withinTarget: 0, proportion: null },
      },
    });
    const before = await s.get('/api/reports/regulator?year=2029');
    expect(before).toMatchObject({
      year: '2029-30',
      CH01: { stage1: { received: 1 }, stage2: { received: 0 } },
      CH02: { stage1: { responded: 1, withinTimescale: 1, proportion: 1 } },
    });
  });

  it('agrees in April’s monthly report, answers counted per round and duplicates never overdue', async () => {
    const april = await s.get('/api/reports/monthly?month=2030-04');
    const stage1 = april.standards.find((x: { kind: string }) => x.kind === 'complaint-stage-1');
    expect(stage1).toMatchObject({ due: 4, met: 2, missed: 2, openOverdue: 0 });
    expect(april.complaints['complaint-stage-2']).toEqual({ received: 1, answeredOnTime: 1, answeredLate: 0, open: 0 });
    const emails = april.standards.find((x: { kind: string }) => x.kind === 'email');
    // G's first answer met; its follow-up (23 April) is unanswered and overdue; F was closed without a reply.
    expect(emails).toMatchObject({ due: 2, met: 1, missed: 0, openOverdue: 1, closedWithoutReply: 1 });
    expect(april.responses.closedWithoutReply).toBe(1);
    expect(april.notices.extensions + april.notices.delayUpdates).toBeGreaterThanOrEqual(0);
    const march = await s.get('/api/reports/monthly?month=2030-03');
    expect(march.complaints['complaint-stage-1']).toEqual({ received: 1, answeredOnTime: 1, answeredLate: 0, open: 0 });
  });

  it('counts at each month end every case open then, and never a merged or duplicate case as overdue', async () => {
    const monthEnd = async (month: string) => (await s.get(`/api/reports/monthly?month=${month}`)).monthEnd;
    // End of May: G's follow-up (23 April, target 8 May) and K, N, P (target 28 May) open; N and P later closed
    // without a reply of their own, so only G and K are overdue.
    expect(await monthEnd('2030-05')).toMatchObject({ at: '2030-05-31T23:00:00.000Z', open: 4, overdue: 2 });
    // Ends of June and July: G and K, received in April and May and untouched since, open and overdue; and R1,
    // whose repair was done but whose email (target 17 June) no one answered (Hightown sets no repair target
    // that the repair itself would meet).
    expect(await monthEnd('2030-06')).toMatchObject({ open: 3, overdue: 3 });
    expect(await monthEnd('2030-07')).toMatchObject({ open: 3, overdue: 3 });
    // K answered on 5 August (late); G's follow-up and R1 still open.
    expect(await monthEnd('2030-08')).toMatchObject({ open: 2, overdue: 2 });
    const may = await s.get('/api/reports/monthly?month=2030-05');
    expect(may.standards.find((x: { kind: string }) => x.kind === 'email')).toMatchObject({
      due: 1,
      met: 0,
      missed: 1,
      openOverdue: 0,
      closedWithoutReply: 2,
    });
    // The backfill files every case again by the same rule: twice over, the same figures.
    const year = await s.get('/api/reports/regulator?year=2030');
    for (let i = 0; i < 2; i++) {
      const run = await inbox(s.stack.dataDir, 'report', 'backfill');
      expect(run.out).toMatch(/^Rebuilt the month index of \d+ case\(s\)/);
    }
    expect(await monthEnd('2030-06')).toMatchObject({ open: 3, overdue: 3 });
    expect(await s.get('/api/reports/regulator?year=2030')).toEqual(year);
    expect((await inbox(s.stack.dataDir, 'report', 'backfill', '--from', '2030-13')).status).toBe(2);
  });

  it('prints exactly the API’s JSON from the CLI, and the same figures as CSV', async () => {
    const json = await inbox(s.stack.dataDir, 'report', 'regulator', '--year', '2030', '--format', 'json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.out)).toEqual(await s.get('/api/reports/regulator?year=2030'));
    const csv = await inbox(s.stack.dataDir, 'report', 'regulator', '--year', '2030', '--format', 'csv');
    const lines = csv.out.trim().split('\n');
    expect(lines[0]).toBe('measure,figure,value');
    expect(lines).toContain('CH02,stage1 within timescale,2');
    const bad = await inbox(s.stack.dataDir, 'report', 'regulator', '--year', '30');
    expect(bad.status).toBe(2);
  });

  it('imports call records only when every row is right, by line number, and counts them once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'calls-'));
    const header = 'callId,startedAt,answeredAt,endedAt,queue,outcome';
    const good = [
      'c1,2031-04-01T09:00:00Z,2031-04-01T09:00:10Z,2031-04-01T09:03:00Z,switchboard,answered',
      'c2,2031-04-01T09:01:00Z,2031-04-01T09:01:15Z,2031-04-01T09:04:00Z,switchboard,',
      'c3,2031-04-01T09:02:00Z,2031-04-01T09:02:40Z,2031-04-01T09:05:00Z,switchboard,answered',
      'c4,2031-04-01T09:03:00Z,,2031-04-01T09:03:30Z,switchboard,abandoned',
    ];
    const badFile = join(dir, 'bad.csv');
    await writeFile(
      badFile,
      [header, ...good, 'c5,yesterday,,,,', 'c6,2031-04-01T09:05:00Z,,,,answered', ''].join('\n'),
    );
    const refused = await inbox(s.stack.dataDir, 'calls', 'import', badFile);
    expect(refused.status).toBe(2);
    expect(refused.err).toContain('bad.csv:6: startedAt');
    expect(refused.err).toContain('bad.csv:7: answeredAt');
    expect((await s.get('/api/reports/monthly?month=2031-04')).calls.offered).toBe(0);

    const goodFile = join(dir, 'good.csv');
    await writeFile(goodFile, [header, ...good, ''].join('\n'));
    for (let i = 0; i < 2; i++) expect((await inbox(s.stack.dataDir, 'calls', 'import', goodFile)).status).toBe(0);
    // Answered within 15 seconds: c1 (10 s) and c2 (exactly 15 s); c3 waited 40 s; c4 was abandoned.
    expect((await s.get('/api/reports/monthly?month=2031-04')).calls).toEqual({
      offered: 4,
      answered: 3,
      abandoned: 1,
      answeredWithinStandard: 2,
      standardSeconds: 15,
      withinStandardRate: 0.5,
    });
    await rm(dir, { recursive: true, force: true });
  });

  it('reports the month of the stack’s clock when none is asked for', async () => {
    const now = await s.get('/api/reports/monthly');
    expect(now.month).toBe('2031-04');
  });
});

describe('Blairtummock (Scotland): a scripted year', () => {
  let s: Awaited<ReturnType<typeof scriptedStack>>;

  beforeAll(async () => {
    s = await scriptedStack('blairtummock');
    // Stage 1 received Monday 4 March 2030, answered Friday 8 March: 4 working days.
    await s.moveTo('2030-03-04T10:00:00Z');
    const a = await s.email('Complaint', 'I want to make a complaint about the noise');
    await s.run(a, 'reclassify', { category: 'complaint', reason: 'A complaint' });
    await s.moveTo('2030-03-08T10:00:00Z');
    await s.reply(a);
    // Escalated Monday 8 April (2030-31), answered Monday 29 April: 14 working days (Good Friday skipped).
    await s.moveTo('2030-04-08T09:00:00Z');
    await s.run(a, 'escalate', { reason: 'Still noisy', requestedAt: '2030-04-08T09:00:00Z' });
    await s.moveTo('2030-04-29T10:00:00Z');
    await s.reply(a);
    // An emergency repair reported 3 June 07:00 UTC, completed 13:00 UTC: 6 hours.
    await s.moveTo('2030-06-03T07:00:00Z');
    const r1 = await s.email('Front door', 'The front door lock is broken and will not close');
    await s.run(r1, 'reclassify', { category: 'repair', priority: 'emergency', reason: 'Cannot secure the home' });
    await s.moveTo('2030-06-03T13:30:00Z');
    await s.run(r1, 'repair-completed', { at: '2030-06-03T13:00:00Z' });
    // A standard repair reported Friday 2 August, completed Wednesday 7 August: 2 working days (5 August is a holiday).
    await s.moveTo('2030-08-02T10:00:00Z');
    const r2 = await s.email('Kitchen tap', 'The kitchen tap drips all the time');
    await s.run(r2, 'reclassify', { category: 'repair', priority: 'standard', reason: 'Routine repair' });
    await s.moveTo('2030-08-07T12:00:00Z');
    await s.run(r2, 'repair-completed', { at: '2030-08-07T11:00:00Z' });
    await s.moveTo('2031-04-02T10:00:00Z');
  }, 240_000);
  afterAll(async () => s?.stop());

  it('returns the Charter figures as counted by hand, the escalated complaint at both stages', async () => {
    expect(await s.get('/api/reports/regulator?year=2030')).toEqual({
      year: '2030-31',
      framework: 'scottish-charter',
      homes: 700,
      complaints: {
        stage1: { received: 0, responded: 0, averageWorkingDays: null },
        stage2: { received: 1, responded: 1, averageWorkingDays: 14 },
      },
      repairs: {
        emergency: { completed: 1, averageHours: 6 },
        nonEmergency: { completed: 1, averageWorkingDays: 2 },
      },
    });
    expect(await s.get('/api/reports/regulator?year=2029')).toMatchObject({
      complaints: { stage1: { received: 1, responded: 1, averageWorkingDays: 4 } },
    });
  });
});
