/**
 * Retention and disclosure decisions (issue 12, items 7 and 8) on the local
 * stack. Retention: with the clock moved past the policy's period, only
 * closed cases past it are erased, never one under a legal hold, and the run
 * is on the audit trail (`POST /api/retention`, `npx inbox retention`).
 * Disclosure: Blairtummock's policy 4.3 names the Housing Services Manager or
 * the Director, so another manager is refused; the decision is listed on the
 * case and in the audit report.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalStack, startLocalStack } from '@housing-inbox/local';
import { FileBlobStore } from '@housing-inbox/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailCaseOwnedBy, MANAGER, START_AT, startHightown } from './support/cases.js';
import { runCli } from './support/cli.js';
import { apiAs } from './support/http.js';
import { ingestEmail, rawEmail, rawEmailWithFile } from './support/mail.js';

const OWNER = 'customer-services-officer-1';
const LEAFLET = {
  filename: 'leaflet.pdf',
  contentType: 'application/pdf',
  bytes: Buffer.from('%PDF-1.4 tenants-leaflet'),
};

describe('retention after closure', () => {
  let stack: LocalStack;
  let stop: () => Promise<void>;
  const api = apiAs(() => stack);
  const refs = {} as Record<'old' | 'held' | 'open' | 'recent', string>;

  const close = async (ref: string) =>
    expect((await api(MANAGER, 'POST', `/api/cases/${ref}/close`, { reason: 'Answered' })).status).toBe(200);

  /** `npx inbox retention …` against this stack, in-process. */
  async function cli(...args: string[]) {
    return runCli(stack.dataDir, 'retention', ...args);
  }

  beforeAll(async () => {
    ({ stack, stop } = await startHightown('retention'));
    for (const name of ['old', 'held', 'open', 'recent'] as const) {
      const subject = `Retention ${name} Zorbified`;
      const email = {
        id: `ret-${name}`,
        subject,
        body: `${subject}, please.`,
        from: `"R" <ret-${name}@resident.example>`,
      };
      // The old case and the open one carry the same leaflet: one blob, two residents.
      const raw = name === 'old' || name === 'open' ? rawEmailWithFile(email, LEAFLET) : rawEmail(email);
      refs[name] = await emailCaseOwnedBy(stack, OWNER, email.id, subject, raw);
    }
    await close(refs.old);
    await close(refs.held);
    const hold = await api(MANAGER, 'POST', `/api/cases/${refs.held}/legal-hold`, {
      hold: true,
      reason: 'Disrepair claim',
    });
    expect(hold.status).toBe(200);
    // Four years on, the fourth case closes: still inside the six years when the others are past them.
    await stack.clock.set(new Date('2030-06-03T10:00:00Z'));
    await close(refs.recent);
    await stack.clock.set(new Date('2033-01-10T10:00:00Z'));
  });
  afterAll(async () => {
    await stop?.();
  });

  it('a dry run lists what is due and erases nothing', async () => {
    const run = await api(MANAGER, 'POST', '/api/retention', { dryRun: true });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ dryRun: true, yearsAfterClosure: 6, erased: [refs.old], held: [refs.held] });
    expect(run.body.basis).toMatch(/six years/);
    expect((await api(MANAGER, 'GET', `/api/cases/${refs.old}`)).body.subject).toContain('Zorbified');
  });

  it('`npx inbox retention --dry-run` prints the same', async () => {
    const { status, out, err } = await cli('--dry-run');
    expect(err).toBe('');
    expect(status).toBe(0);
    expect(out).toContain(refs.old);
    expect(out).toMatch(/would erase 1/i);
    expect(out).toContain(`${refs.held}`);
  });

  it('erases only closed cases past the period, keeps the held, the open and the recent ones', async () => {
    const { status, out } = await cli();
    expect(status).toBe(0);
    expect(out).toMatch(/erased 1/i);

    const old = (await api(MANAGER, 'GET', `/api/cases/${refs.old}`)).body;
    expect(old.subject).toBe('[erased]');
    expect(JSON.stringify(old.messages)).not.toContain('Zorbified');
    // Run from the command line, the run is the manager's (the cloud's schedule runs as `retention`).
    expect(old.erased).toMatchObject({ by: MANAGER, reason: expect.stringContaining('6 years') });
    // Its contact had no other case: erased too.
    expect(old.contact.email).toBeUndefined();
    for (const name of ['held', 'open', 'recent'] as const) {
      const kase = (await api(MANAGER, 'GET', `/api/cases/${refs[name]}`)).body;
      expect(kase.subject, name).toBe(`Retention ${name} Zorbified`);
      expect(kase.erased, name).toBeNull();
    }
    const { items } = (await api(MANAGER, 'GET', '/api/audit?type=retention')).body;
    expect(items.map((i: { action: string }) => i.action).slice(0, 2)).toEqual(['retention-run', 'erased-case']);
    expect(items[0].detail).toMatchObject({ dryRun: false, erased: [refs.old], held: [refs.held] });
  });

  it('keeps the file the aged-out case shared with the open case, byte for byte', async () => {
    const files = (kase: { messages: { attachments: { blobKey: string }[] }[] }) =>
      kase.messages.flatMap((m) => m.attachments.map((a) => a.blobKey));
    const open = (await api(MANAGER, 'GET', `/api/cases/${refs.open}`)).body;
    expect(files((await api(MANAGER, 'GET', `/api/cases/${refs.old}`)).body)).toEqual([]);
    const [key] = files(open);
    const blob = await new FileBlobStore(join(stack.dataDir, 'blobs')).get(key as string);
    expect(Buffer.from(blob?.body ?? [])).toEqual(LEAFLET.bytes);
  });

  it('once the hold is lifted, the next run erases that case too', async () => {
    await api(MANAGER, 'POST', `/api/cases/${refs.held}/legal-hold`, { hold: false, reason: 'Claim settled' });
    const run = await api(MANAGER, 'POST', '/api/retention', {});
    expect(run.body).toMatchObject({ dryRun: false, erased: [refs.held], held: [] });
    expect((await api(MANAGER, 'GET', `/api/cases/${refs.held}`)).body.subject).toBe('[erased]');
  });
});

describe('disclosure decisions (Blairtummock policy 4.3)', () => {
  let stack: LocalStack;
  let dataDir: string;
  let ref: string;
  const api = apiAs(() => stack);
  const HSM = 'blairtummock-manager';
  const OTHER_MANAGER = 'blairtummock-area-manager';
  const DISCLOSURE = {
    to: 'Police Scotland',
    what: 'The tenant’s address and phone number',
    why: 'A warrant to trace a missing person',
    lawfulBasis: 'DPA 2018 Schedule 2, paragraph 2 (crime and taxation)',
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'inbox-disclosure-'));
    stack = await startLocalStack({
      dataDir,
      inMemory: true,
      policy: 'blairtummock',
      startAt: START_AT,
    });
    // A second manager who is neither the Housing Services Manager nor the Director.
    const seeded = stack.officers.find((o) => o.id === HSM);
    if (!seeded) throw new Error('no seeded manager');
    const other = { ...seeded, id: OTHER_MANAGER, name: 'Ailsa Area', email: 'ailsa.area@blairtummock.example' };
    other.jobTitle = 'Area Housing Manager';
    await stack.repository.putOfficer(other);
    stack.officers.push(other);
    ({ caseRef: ref } = await ingestEmail(
      stack,
      rawEmail({ id: 'dis-1', subject: 'My neighbour', body: 'Please keep this private.' }),
    ));
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('names the Housing Services Manager or the Director, with its basis', () => {
    expect(stack.policy.privacy?.disclosure).toMatchObject({
      deciders: { jobTitles: ['Housing Services Manager', 'Director'], roles: [] },
      basis: expect.stringContaining('4.3'),
    });
    expect(stack.officers.find((o) => o.id === HSM)?.jobTitle).toBe('Housing Services Manager');
  });

  it('refuses another manager (403), and anyone who is not a manager', async () => {
    const res = await api(OTHER_MANAGER, 'POST', `/api/cases/${ref}/disclosure`, DISCLOSURE);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('Housing Services Manager or Director');
    for (const as of ['reception-officer-1', 'housing-services-officer-1', 'blairtummock-reception']) {
      // 404 where the caller may not see the case at all.
      expect([403, 404], as).toContain((await api(as, 'POST', `/api/cases/${ref}/disclosure`, DISCLOSURE)).status);
    }
  });

  it('records the Housing Services Manager’s decision on the case and in the audit report', async () => {
    const res = await api(HSM, 'POST', `/api/cases/${ref}/disclosure`, DISCLOSURE);
    expect(res.status).toBe(200);
    expect(res.body.disclosures).toEqual([expect.objectContaining({ ...DISCLOSURE, decidedBy: HSM })]);
    expect(res.body.timeline.at(-1)).toMatchObject({ type: 'disclosure-recorded', actor: HSM });
    const report = (await api(HSM, 'GET', '/api/audit?type=disclosure')).body.items;
    expect(report).toEqual([
      expect.objectContaining({
        officerId: HSM,
        action: 'disclosure-recorded',
        caseRef: ref,
        detail: expect.objectContaining(DISCLOSURE),
      }),
    ]);
    // The other manager's refusal left nothing.
    expect(res.body.disclosures).toHaveLength(1);
  });
});
