/**
 * Issue 4 end to end on the local stack, through the HTTP API alone: one owner
 * per case, department requests, the collated reply on the resident's channel,
 * and the rules that move work (absence, leavers, stage 2).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalStack } from '@housing-inbox/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hightownStack } from './support/cases.js';
import { apiAs } from './support/http.js';
import { ingestEmail, rawEmail } from './support/mail.js';

const OWNER = 'customer-services-officer-1';
const TEAMMATE = 'customer-services-officer-2';
const OUTSIDER = 'home-ownership-officer-1';
const PROPERTY = 'property-services-contributor';
const INCOME = 'income-officer-1';
const MANAGER = 'hightown-manager';
const RECEPTION = 'hightown-reception';

describe('one owning officer per case, end to end', () => {
  let dataDir: string;
  let stack: LocalStack;
  const api = apiAs(() => stack);

  const email = (
    id: string,
    subject: string,
    body: string,
    headers: string[] = [],
    from = 'rosa.resident@resident.example',
  ) => ingestEmail(stack, rawEmail({ id, subject, body, headers, from: `"Rosa Resident" <${from}>` }));

  /** An email case owned by `ownerId` (the manager assigns it when routing chose someone else). */
  async function emailOwnedBy(ownerId: string, id: string, subject: string, body: string, from: string) {
    const result = await email(id, subject, body, [], from);
    const kase = (await api(MANAGER, 'GET', `/api/cases/${result.caseRef}`)).body;
    if (kase.ownerId !== ownerId) {
      const moved = await api(MANAGER, 'POST', `/api/cases/${result.caseRef}/reassign`, {
        ownerId,
        reason: 'test set-up',
      });
      expect(moved.status).toBe(200);
    }
    return result;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'inbox-owner-'));
    stack = await hightownStack(dataDir);
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('takes an email from arrival to a collated reply, and threads the resident’s answer back', async () => {
    // Prepare: an email asking two things at once.
    const { caseRef: ref } = await email(
      'q1',
      'Two questions',
      'Can I have a parking permit for my carer, and why did my rent go up?',
    );
    const opened = await api(OWNER, 'GET', `/api/cases/${ref}`);
    expect(opened.body).toMatchObject({ ownerId: OWNER, teamId: 'customer-services', status: 'new' });

    // Act: the owner asks two departments.
    await api(OWNER, 'POST', `/api/cases/${ref}/requests`, {
      department: 'property-services',
      question: 'Can a carer’s parking bay go outside this block?',
      dueBy: '2026-12-08',
    });
    const askIncome = await api(OWNER, 'POST', `/api/cases/${ref}/requests`, {
      department: 'income',
      question: 'Why did the rent change?',
      dueBy: '2026-12-08',
    });
    expect(askIncome.body.status).toBe('awaiting-departments');
    const [propertyReq, incomeReq] = askIncome.body.requests;

    // The reply cannot go while requests are open.
    const early = await api(OWNER, 'POST', `/api/cases/${ref}/reply`, { body: 'Here is our answer.' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('Property Services');

    // Both departments see the request in their team queue and answer it.
    const propertyQueue = await api(PROPERTY, 'GET', '/api/requests?queue=team');
    expect(propertyQueue.body.items.map((r: { caseRef: string }) => r.caseRef)).toContain(ref);
    const a1 = await api(PROPERTY, 'POST', `/api/cases/${ref}/requests/${propertyReq.id}/answer`, {
      answer: 'Yes: a bay can be marked by 4 December.',
    });
    const a2 = await api(INCOME, 'POST', `/api/cases/${ref}/requests/${incomeReq.id}/answer`, {
      answer: 'The annual rent review: 2.7%.',
    });
    expect(a1.status).toBe(200);
    expect(a2.body.status).toBe('in-progress');
    expect(a2.body.requests.map((r: { status: string }) => r.status)).toEqual(['answered', 'answered']);

    // The owner collates the answers into one reply.
    const reply = await api(OWNER, 'POST', `/api/cases/${ref}/reply`, {
      body: `A carer’s parking bay will be marked outside your block by 4 December.\n\nYour rent changed because of the annual review (2.7%).`,
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'answered', responseOutcome: 'met' });
    // The parking question went to no department: the owner answered it; both answers are in one reply.
    expect(reply.body.respondedAt).toBeTruthy();

    // Assess: the reply is in the outbox, by email, once, naming the case.
    const outbox = (await fetch(`${stack.httpUrl}/local/outbox`).then((r) => r.json())) as {
      items: Record<string, string>[];
    };
    const sent = outbox.items.filter((i) => i.caseRef === ref && i.purpose === 'reply');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'email', to: 'rosa.resident@resident.example' });
    expect(sent[0]?.subject).toContain(ref);
    expect(sent[0]?.body).toContain('annual review');

    // Every step is on the timeline.
    const types = reply.body.timeline.map((t: { type: string }) => t.type);
    expect(types).toEqual(expect.arrayContaining(['case-opened', 'request-opened', 'request-answered', 'notice-sent']));
    const outbound = reply.body.messages.find((m: { direction: string }) => m.direction === 'outbound');
    expect(outbound.providerMessageId).toBeTruthy();

    // The resident answers our email: it threads back by In-Reply-To and reopens the work.
    const answer = await email('q2', 'Re: Our reply', 'Thank you. 4 December is fine.', [
      `In-Reply-To: ${outbound.threading.messageId}`,
    ]);
    expect(answer).toMatchObject({ outcome: 'threaded', caseRef: ref });
    const after = (await api(OWNER, 'GET', `/api/cases/${ref}`)).body;
    expect(after).toMatchObject({ status: 'in-progress', respondedAt: null, responseOutcome: null });
    // The follow-up has its own target (an email: ten working days), and the timeline keeps the met reply.
    expect(after.targets.respondBy).toBe('2026-12-15');
    expect(after.timeline.find((t: { type: string }) => t.type === 'follow-up')).toMatchObject({
      data: { previousOutcome: 'met' },
    });
  });

  it('lets a request be closed with a reason so the reply can go', async () => {
    const { caseRef: ref } = await emailOwnedBy(
      OWNER,
      'q3',
      'Fence',
      'Who looks after the fence between our gardens?',
      'fence@resident.example',
    );
    const asked = await api(OWNER, 'POST', `/api/cases/${ref}/requests`, {
      department: 'property-services',
      question: 'Whose fence?',
      dueBy: '2026-12-04',
    });
    const id = asked.body.requests[0].id;
    const more = await api(PROPERTY, 'POST', `/api/cases/${ref}/requests/${id}/more-time`, {
      until: '2026-12-07',
      reason: 'Need the title plan',
    });
    expect(more.body.requests[0].moreTime.until).toBe('2026-12-07');
    const closed = await api(OWNER, 'POST', `/api/cases/${ref}/requests/${id}/close`, {
      reason: 'Answered from the tenancy file',
    });
    expect(closed.body.requests[0]).toMatchObject({ status: 'closed', closedReason: 'Answered from the tenancy file' });
    const reply = await api(OWNER, 'POST', `/api/cases/${ref}/reply`, {
      body: 'The fence is yours to maintain under your tenancy.',
    });
    expect(reply.status).toBe(200);
  });

  it('replies by letter in large print to a resident who asked for that', async () => {
    const form = await fetch(`${stack.httpUrl}/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Len Letter',
        phone: '01632 960123',
        address: '9 Quay Street, Hightown HX2 3EF',
        message: 'Please tell me about the garden scheme.',
        preferredChannel: 'letter',
        communicationNeeds: 'Large print please',
      }),
    }).then((r) => r.json() as Promise<{ ref: string }>);
    const kase = (await api(MANAGER, 'GET', `/api/cases/${form.ref}`)).body;
    await api(kase.ownerId, 'POST', `/api/cases/${form.ref}/reply`, { body: 'The garden scheme runs every spring.' });
    const outbox = (await fetch(`${stack.httpUrl}/local/outbox`).then((r) => r.json())) as {
      items: Record<string, string>[];
    };
    const letter = outbox.items.find((i) => i.caseRef === form.ref && i.purpose === 'reply');
    expect(letter).toMatchObject({ channel: 'letter' });
    expect(letter?.to).toContain('9 Quay Street');
  });

  describe('who may do what', () => {
    let ref: string;
    let requestId: string;
    beforeAll(async () => {
      ({ caseRef: ref } = await emailOwnedBy(OWNER, 'perm', 'Permission test', 'A question', 'perm@resident.example'));
      const asked = await api(OWNER, 'POST', `/api/cases/${ref}/requests`, {
        department: 'property-services',
        question: 'Q?',
        dueBy: '2026-12-08',
      });
      requestId = asked.body.requests[0].id;
    });

    it.each([
      { who: 'the owner', as: OWNER, method: 'GET', path: 'case', status: 200 },
      { who: 'a teammate', as: TEAMMATE, method: 'GET', path: 'case', status: 200 },
      {
        who: 'an officer of another team (reads any case not restricted)',
        as: OUTSIDER,
        method: 'GET',
        path: 'case',
        status: 200,
      },
      { who: 'a contributor whose department was asked', as: PROPERTY, method: 'GET', path: 'case', status: 200 },
      { who: 'a manager', as: MANAGER, method: 'GET', path: 'case', status: 200 },
      { who: 'nobody (no token)', as: null, method: 'GET', path: 'case', status: 401 },
      { who: 'an officer (queue all)', as: OWNER, method: 'GET', path: '/api/cases?queue=all', status: 403 },
      { who: 'a manager (queue all)', as: MANAGER, method: 'GET', path: '/api/cases?queue=all', status: 200 },
      {
        who: 'the owner reassigning',
        as: OWNER,
        method: 'POST',
        path: 'reassign',
        body: { ownerId: TEAMMATE, reason: 'x' },
        status: 403,
      },
      {
        who: 'a teammate asking departments',
        as: TEAMMATE,
        method: 'POST',
        path: 'requests',
        body: { department: 'income', question: 'q', dueBy: '2026-12-08' },
        status: 403,
      },
      {
        who: 'an outsider writing a note (reading is not acting)',
        as: OUTSIDER,
        method: 'POST',
        path: 'notes',
        body: { text: 'hello' },
        status: 403,
      },
      {
        who: 'the asked contributor writing a note',
        as: PROPERTY,
        method: 'POST',
        path: 'notes',
        body: { text: 'noted' },
        status: 200,
      },
      {
        who: 'the owner answering another department’s request',
        as: OWNER,
        method: 'POST',
        path: 'answer',
        body: { answer: 'x' },
        status: 403,
      },
      {
        who: 'the asked contributor replying to the resident',
        as: PROPERTY,
        method: 'POST',
        path: 'reply',
        body: { body: 'x' },
        status: 403,
      },
      {
        who: 'the owner replying with a request open',
        as: OWNER,
        method: 'POST',
        path: 'reply',
        body: { body: 'x' },
        status: 409,
      },
      {
        who: 'the owner restricting the case',
        as: OWNER,
        method: 'POST',
        path: 'restrict',
        body: { restricted: true, reason: 'x' },
        status: 403,
      },
      {
        who: 'the owner lifting a flag',
        as: OWNER,
        method: 'POST',
        path: 'unflag',
        body: { reason: 'x' },
        status: 403,
      },
      {
        who: 'an officer recording a leaver',
        as: OWNER,
        method: 'POST',
        path: `/api/officers/${TEAMMATE}/deactivate`,
        body: { reason: 'x' },
        status: 403,
      },
      {
        who: 'an officer setting someone else’s absence',
        as: OUTSIDER,
        method: 'PUT',
        path: `/api/officers/${TEAMMATE}/absence`,
        body: { from: '2026-12-01', to: '2026-12-02' },
        status: 403,
      },
      {
        who: 'the owner with a bad body',
        as: OWNER,
        method: 'POST',
        path: 'agreed-date',
        body: { date: '2026-12-05' },
        status: 400,
      },
    ])('$who: $method $path → $status', async ({ as, method, path, body, status }) => {
      const url = path.startsWith('/')
        ? path
        : path === 'case'
          ? `/api/cases/${ref}`
          : path === 'answer'
            ? `/api/cases/${ref}/requests/${requestId}/answer`
            : `/api/cases/${ref}/${path}`;
      const res = await api(as, method, url, body);
      expect(res.status).toBe(status);
      if (status >= 400) expect(res.body.error.message.length).toBeGreaterThan(5);
    });

    it('hides a restricted case from everyone but its owner and managers', async () => {
      const restricted = await api(MANAGER, 'POST', `/api/cases/${ref}/restrict`, {
        restricted: true,
        reason: 'Safeguarding',
      });
      expect(restricted.body.restricted).toBe(true);
      expect((await api(TEAMMATE, 'GET', `/api/cases/${ref}`)).status).toBe(404);
      expect((await api(PROPERTY, 'GET', `/api/cases/${ref}`)).status).toBe(404);
      expect((await api(OWNER, 'GET', `/api/cases/${ref}`)).status).toBe(200);
      const team = await api(TEAMMATE, 'GET', '/api/cases?queue=team');
      expect(team.body.items.map((c: { ref: string }) => c.ref)).not.toContain(ref);
    });

    it('shows an unacceptable-behaviour flag, with who set it and why, on every case of that contact', async () => {
      const other = await email('perm2', 'Another thing', 'Second question', [], 'perm@resident.example');
      await api(OWNER, 'POST', `/api/cases/${ref}/flag`, { reason: 'Threatened staff on the phone' });
      const elsewhere = await api(MANAGER, 'GET', `/api/cases/${other.caseRef}`);
      expect(elsewhere.body.contact.unacceptableBehaviour).toMatchObject({
        setBy: OWNER,
        reason: 'Threatened staff on the phone',
      });
      const queue = await api(MANAGER, 'GET', '/api/cases?queue=all');
      expect(queue.body.items.find((c: { ref: string }) => c.ref === other.caseRef).contact.unacceptableBehaviour).toBe(
        true,
      );
    });
  });

  it('routes around an absent officer and lets the line manager cover their cases', async () => {
    const before = await email('abs1', 'Before the absence', 'Question one', [], 'abs1@resident.example');
    const owner = (await api(MANAGER, 'GET', `/api/cases/${before.caseRef}`)).body.ownerId;
    const away = await api(owner, 'PUT', `/api/officers/${owner}/absence`, { from: '2026-12-01', to: '2026-12-04' });
    expect(away.status).toBe(200);

    const during = await email('abs2', 'During the absence', 'Question two', [], 'abs2@resident.example');
    const duringOwner = (await api(MANAGER, 'GET', `/api/cases/${during.caseRef}`)).body.ownerId;
    expect(duringOwner).not.toBe(owner);

    const managerQueue = await api(MANAGER, 'GET', '/api/cases?queue=mine');
    expect(managerQueue.body.items.map((c: { ref: string }) => c.ref)).toContain(before.caseRef);
    await api(owner, 'PUT', `/api/officers/${owner}/absence`, {});
  });

  it('moves a leaver’s open cases to reception, recording each move', async () => {
    const a = await email('leave1', 'Leaver one', 'Question', [], 'l1@resident.example');
    const b = await email('leave2', 'Leaver two', 'Question', [], 'l2@resident.example');
    const leaver = (await api(MANAGER, 'GET', `/api/cases/${a.caseRef}`)).body.ownerId;
    await api(MANAGER, 'POST', `/api/cases/${b.caseRef}/reassign`, { ownerId: leaver, reason: 'Same resident area' });

    const res = await api(MANAGER, 'POST', `/api/officers/${leaver}/deactivate`, { reason: 'Left the organisation' });
    expect(res.status).toBe(200);
    expect(res.body.moved).toEqual(expect.arrayContaining([a.caseRef, b.caseRef]));
    for (const ref of [a.caseRef, b.caseRef]) {
      const kase = (await api(MANAGER, 'GET', `/api/cases/${ref}`)).body;
      expect(kase.ownerId).toBe(RECEPTION);
      const moves = kase.timeline.filter(
        (t: { type: string; data?: { from?: string } }) => t.type === 'reassigned' && t.data?.from === leaver,
      );
      expect(moves).toEqual([
        expect.objectContaining({ actor: MANAGER, data: expect.objectContaining({ to: RECEPTION }) }),
      ]);
    }
    // A leaver's token stops working at once.
    expect((await api(leaver, 'GET', '/api/cases?queue=mine')).status).toBe(401);
  });

  it('gives a stage 2 complaint to someone other than the stage 1 owner (Housing Ombudsman code)', async () => {
    const { caseRef: ref } = await email(
      'c1',
      'Complaint',
      'I want to make a formal complaint about the noise.',
      [],
      'c1@resident.example',
    );
    const stage1 = (await api(MANAGER, 'GET', `/api/cases/${ref}`)).body;
    expect(stage1.kind).toBe('complaint-stage-1');
    const sameOwner = await api(stage1.ownerId, 'POST', `/api/cases/${ref}/escalate`, {
      reason: 'Not satisfied',
      ownerId: stage1.ownerId,
    });
    expect(sameOwner.status).toBe(400);
    const escalated = await api(stage1.ownerId, 'POST', `/api/cases/${ref}/escalate`, {
      reason: 'Resident not satisfied with stage 1',
    });
    expect(escalated.status).toBe(200);
    expect(escalated.body).toMatchObject({ kind: 'complaint-stage-2', stageOneOwnerId: stage1.ownerId });
    expect(escalated.body.ownerId).not.toBe(stage1.ownerId);
    // Stage 2 targets run from the escalation: 5 working days to acknowledge, 20 from acknowledgement.
    expect(escalated.body.targets).toMatchObject({ acknowledgeBy: '2026-12-08', respondBy: '2027-01-08' });
  });

  it('logs a phone message as a new case, and records the agreed reply date and a delay reason', async () => {
    const logged = await api(RECEPTION, 'POST', '/api/contacts/log', {
      kind: 'phone-message',
      summary: 'Mr Khan rang about his parking permit; please call back after 2pm.',
      name: 'Imran Khan',
      phone: '07700 900987',
      preferredChannel: 'phone',
    });
    expect(logged.status).toBe(201);
    const kase = (await api(MANAGER, 'GET', `/api/cases/${logged.body.ref}`)).body;
    expect(kase).toMatchObject({ channel: 'phone', kind: 'phone-message', targets: { respondBy: '2026-12-03' } });
    const agreed = await api(kase.ownerId, 'POST', `/api/cases/${kase.ref}/agreed-date`, {
      date: '2026-12-10',
      note: 'Agreed by phone',
    });
    expect(agreed.body).toMatchObject({ agreedReplyDate: '2026-12-10', effectiveRespondBy: '2026-12-10' });
    const delay = await api(kase.ownerId, 'POST', `/api/cases/${kase.ref}/delay`, {
      reason: 'Waiting for the parking contractor',
    });
    expect(delay.body.delayReason).toBe('Waiting for the parking contractor');
    const notWorking = await api(kase.ownerId, 'POST', `/api/cases/${kase.ref}/agreed-date`, { date: '2026-12-25' });
    expect(notWorking.status).toBe(400);
    expect(notWorking.body.error.fields.date).toContain('bank holiday');
  });

  it('gives managers the month’s figures, and no one else', async () => {
    const report = await api(MANAGER, 'GET', '/api/reports/monthly?month=2026-12');
    expect(report.status).toBe(200);
    // Everything in this file arrived in December 2026: emails, the web form and the logged call.
    expect(report.body.contacts.byChannel.email).toBeGreaterThanOrEqual(10);
    expect(report.body.contacts.byChannel['web-form']).toBe(1);
    expect(report.body.phoneMessages.received).toBe(1);
    expect(report.body.cases.byCategory.complaint).toBe(1);
    expect(report.body.responses.answeredOnTime).toBeGreaterThanOrEqual(2);
    expect((await api(MANAGER, 'GET', '/api/reports/monthly?month=2027-01')).body.contacts.total).toBe(0);
    expect((await api(MANAGER, 'GET', '/api/reports/monthly?month=december')).status).toBe(400);
    expect((await api(OWNER, 'GET', '/api/reports/monthly?month=2026-12')).status).toBe(403);
  });
});
