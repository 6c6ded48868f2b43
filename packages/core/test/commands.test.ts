import { describe, expect, it } from 'vitest';
import type { DepartmentRequest } from '../src/cases.js';
import { decideEscalate, decideReclassify } from '../src/commands/classification.js';
import { decideContactUpdate, decideLogContact } from '../src/commands/contact.js';
import { decideAgreedDate, decideDelay } from '../src/commands/dates.js';
import { createCaseCommands, createOfficerCommands } from '../src/commands/index.js';
import { decideReassign, decideTake } from '../src/commands/ownership.js';
import { decideReply } from '../src/commands/reply.js';
import { decideAnswer, decideMoreTime, decideRequestInput } from '../src/commands/requests.js';
import { CommandError } from '../src/commands/run.js';
import type { CaseRepository } from '../src/ports.js';
import { actor, blairtummock, contextFor, hightown, makeCase, NOW } from './support/context.js';
import { refusal } from './support/refusal.js';

const email = () => makeCase(hightown, 'email');
const request = (over: Partial<DepartmentRequest> = {}): DepartmentRequest => ({
  id: 'r1',
  caseRef: email().ref,
  department: 'property-services',
  question: 'When can you visit?',
  dueBy: '2026-12-08',
  status: 'open',
  askedBy: 'owner',
  askedAt: NOW,
  ...over,
});

describe('commands: input is parsed by its schema before anything is read', () => {
  // Any read of the store fails the test: a bad input must be refused first.
  const untouchable = new Proxy({} as CaseRepository, {
    get: () => () => {
      throw new Error('the store was read');
    },
  });
  const commands = createCaseCommands({
    policy: hightown,
    repository: untouchable,
    clock: { now: () => new Date(NOW) },
    notices: { send: () => Promise.reject(new Error('sent')) },
  });
  const officers = createOfficerCommands({
    policy: hightown,
    repository: untouchable,
    clock: { now: () => new Date(NOW) },
  });
  const owner = actor('owner');

  it.each([
    ['reassign', () => commands.reassign(owner, 'HT-1', {}), { ownerId: 'Choose the officer who will own the case' }],
    ['close', () => commands.close(owner, 'HT-1', { reason: '   ' }), { reason: 'Give a reason' }],
    [
      'reclassify',
      () => commands.reclassify(owner, 'HT-1', { category: 'repair', reason: 'leak' }),
      { priority: 'A repair needs a priority' },
    ],
    [
      'log',
      () => commands.logContact(owner, 'HT-1', { kind: 'fax', summary: 'x' }),
      { kind: 'Choose phone message, voicemail or visit' },
    ],
    [
      'more time',
      () => commands.askMoreTime(owner, 'HT-1', 'r1', { until: '2026-02-30', reason: 'x' }),
      { until: 'Enter a real date as YYYY-MM-DD' },
    ],
    [
      'contact',
      () => commands.updateContact(owner, 'HT-1', {}),
      { contact: 'Change at least one of the contact’s details' },
    ],
    [
      'absence',
      () => officers.setAbsence(owner, 'owner', { from: '2026-12-01' }),
      { to: 'Give both the first and the last day' },
    ],
    ['leaver', () => officers.deactivate(owner, 'mate', undefined), { reason: 'Give a reason' }],
  ])('%s: refused as invalid, naming the field', async (_name, run, fields) => {
    const err = await run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(err).toMatchObject({ kind: 'invalid', fields: expect.objectContaining(fields) });
    expect((err as CommandError).message).toBe(Object.values(fields)[0]);
  });
});

describe('ownership decisions', () => {
  it('a teammate takes a new case: they own it and it is in progress', () => {
    const change = decideTake(contextFor(email(), 'mate'));
    expect(change.case).toMatchObject({ ownerId: 'mate', status: 'in-progress' });
    expect(change.timeline).toEqual([
      expect.objectContaining({ type: 'ownership-taken', summary: 'Tam Teammate took ownership' }),
    ]);
  });

  it('an officer of another team cannot take it', () => {
    expect(refusal(() => decideTake(contextFor(email(), 'repairs'))).kind).toBe('forbidden');
  });

  it.each([
    ['an unknown officer', 'nobody', /Choose one of/],
    ['a leaver', 'gone', /has left/],
    ['a contributor', 'repairs', /contributor/],
  ])('a manager cannot reassign to %s', (_label, ownerId, message) => {
    const err = refusal(() => decideReassign(contextFor(email(), 'manager'), { ownerId, reason: 'cover' }));
    expect(err.kind).toBe('invalid');
    expect(err.fields?.ownerId).toMatch(message);
  });

  it('moves the case to the new owner’s team (reception keeps the team)', () => {
    const ctx = contextFor(email(), 'manager');
    expect(decideReassign(ctx, { ownerId: 'rents', reason: 'arrears' }).case).toMatchObject({
      ownerId: 'rents',
      teamId: 'income',
    });
    expect(decideReassign(ctx, { ownerId: 'reception', reason: 'cover' }).case).toMatchObject({
      ownerId: 'reception',
      teamId: 'housing-management',
    });
  });
});

describe('department request decisions', () => {
  const ask = (dueBy: string) => ({ department: 'property-services', question: 'When?', dueBy });

  it('asks a department by a working day within the target, and the case waits for it', () => {
    const change = decideRequestInput(contextFor(email()), ask('2026-12-08'));
    expect(change.case.status).toBe('awaiting-departments');
    expect(change.requests).toEqual([
      expect.objectContaining({ department: 'property-services', dueBy: '2026-12-08' }),
    ]);
    expect(change.timeline[0]?.summary).toBe('Asked Property Services (repairs) for input by 2026-12-08');
  });

  it.each([
    [
      'a department the policy does not list',
      { ...ask('2026-12-08'), department: 'legal' },
      'department',
      /departments/,
    ],
    ['a date in the past', ask('2026-11-30'), 'dueBy', /in the past/],
    ['a weekend', ask('2026-12-05'), 'dueBy', /not a working day \(weekend\)/],
    ['a date after the response target (15 December)', ask('2026-12-16'), 'dueBy', /2026-12-15/],
  ])('refuses %s', (_label, input, field, message) => {
    const err = refusal(() => decideRequestInput(contextFor(email()), input));
    expect(err.fields?.[field]).toMatch(message);
  });

  it('only the department asked answers, and only while the request is open', () => {
    const ctx = (as: string, r = request()) => contextFor(email(), as, { requests: [r] });
    expect(refusal(() => decideAnswer(ctx('owner'), 'r1', { answer: 'x' })).message).toMatch(/Property Services/);
    expect(refusal(() => decideAnswer(ctx('repairs', request({ status: 'closed' })), 'r1', { answer: 'x' })).kind).toBe(
      'conflict',
    );
    const answered = decideAnswer(ctx('repairs'), 'r1', { answer: 'Thursday' });
    expect(answered.requests?.[0]).toMatchObject({ status: 'answered', answer: 'Thursday', answeredBy: 'repairs' });
  });

  it('more time must move the due date on', () => {
    const ctx = contextFor(email(), 'repairs', { requests: [request()] });
    expect(refusal(() => decideMoreTime(ctx, 'r1', { until: '2026-12-08', reason: 'busy' })).fields?.until).toMatch(
      /after the current due date/,
    );
    expect(decideMoreTime(ctx, 'r1', { until: '2026-12-10', reason: 'busy' }).requests?.[0]?.moreTime).toMatchObject({
      until: '2026-12-10',
    });
  });
});

describe('reply decision', () => {
  it('waits for every department asked, naming them', () => {
    const err = refusal(() => decideReply(contextFor(email(), 'owner', { requests: [request()] }), { body: 'Hello' }));
    expect(err).toMatchObject({ kind: 'conflict', message: expect.stringContaining('Property Services (repairs)') });
  });

  it.each([
    ['no subject', undefined, 'Our reply: About my home'],
    ['an empty subject', '', 'Our reply: About my home'],
    ['a subject', 'Your parking permit', 'Your parking permit'],
  ])('with %s, the reply is titled “%s”', (_label, subject, expected) => {
    expect(decideReply(contextFor(email()), { body: 'Hello', subject })).toMatchObject({
      audience: 'resident',
      purpose: 'reply',
      subject: expected,
      body: 'Hello',
      sentBy: 'owner',
    });
  });
});

describe('classification decisions', () => {
  it('a repair gets the repair kind of its priority and that target, from the original receipt', () => {
    const change = decideReclassify(contextFor(makeCase(blairtummock, 'email'), 'owner', { policy: blairtummock }), {
      category: 'repair',
      priority: 'emergency',
      reason: 'water through the ceiling',
    });
    expect(change.case).toMatchObject({ kind: 'repair-emergency', targets: { respondBy: '2026-12-02T10:00:00.000Z' } });
    expect(change.case.classification).toMatchObject({ category: 'repair', priority: 'emergency', decidedBy: 'owner' });
  });

  it('stage 2 goes to someone other than the stage 1 owner, chosen or by routing', async () => {
    const stageOne = makeCase(hightown, 'complaint-stage-1', { acknowledgedAt: NOW, agreedReplyDate: '2026-12-10' });
    const ctx = contextFor(stageOne);
    await expect(decideEscalate(ctx, { reason: 'not satisfied', ownerId: 'owner' })).rejects.toMatchObject({
      kind: 'invalid',
      fields: { ownerId: expect.stringMatching(/stage 1 owner/) },
    });
    const routed = await decideEscalate(ctx, { reason: 'not satisfied', ownerId: '' });
    expect(routed.case).toMatchObject({ kind: 'complaint-stage-2', ownerId: 'mate', stageOneOwnerId: 'owner' });
    expect(routed.case.acknowledgedAt).toBeUndefined();
    expect(routed.case.agreedReplyDate).toBeUndefined();
  });
});

describe('date and delay decisions', () => {
  it('agrees a working day, and a blank note is no note', () => {
    const change = decideAgreedDate(contextFor(email()), { date: '2026-12-10', note: '' });
    expect(change.case.agreedReplyDate).toBe('2026-12-10');
    expect(change.timeline[0]).toMatchObject({ summary: 'Reply date agreed with the resident: 2026-12-10' });
    expect(refusal(() => decideAgreedDate(contextFor(email()), { date: '2026-12-25' })).fields?.date).toMatch(
      /bank holiday/,
    );
  });

  it('extends a complaint within the policy’s limit, from its target counted from the acknowledgement', () => {
    // Acknowledged Tuesday 1 December: respond 10 working days later (15 December), plus 5.
    const complaint = makeCase(hightown, 'complaint-stage-1', { acknowledgedAt: NOW });
    const change = decideDelay(contextFor(complaint), { reason: 'awaiting a survey', extensionWorkingDays: 5 });
    expect(change.case.extension).toMatchObject({ workingDays: 5, respondBy: '2026-12-22' });
    expect(
      refusal(() => decideDelay(contextFor(complaint), { reason: 'r', extensionWorkingDays: 11 })).fields
        ?.extensionWorkingDays,
    ).toMatch(/1 to 10 working days/);
    expect(refusal(() => decideDelay(contextFor(email()), { reason: 'r', extensionWorkingDays: 1 })).kind).toBe(
      'invalid',
    );
  });

  it('records a delay reason without an extension', () => {
    expect(decideDelay(contextFor(email()), { reason: 'waiting for a contractor' }).case).toMatchObject({
      delayReason: 'waiting for a contractor',
      status: 'in-progress',
    });
  });
});

describe('contact decisions', () => {
  it('a logged visit is an in-person message on the case', () => {
    const change = decideLogContact(contextFor(email()), { kind: 'visit', summary: 'Called in about the boiler' });
    expect(change.messages?.[0]).toMatchObject({ channel: 'in-person', logged: { kind: 'visit', loggedBy: 'owner' } });
    expect(change.timeline[0]?.summary).toBe('Visit logged');
  });

  it('changes only the details given; an empty address clears it', () => {
    const change = decideContactUpdate(
      contextFor(email(), 'owner', { contact: { id: 'contact-1', address: '1 High St', largePrint: false } }),
      { address: '', channelsToAvoid: ['sms'] },
    );
    expect(change.contact).toEqual({
      id: 'contact-1',
      address: undefined,
      largePrint: false,
      channelsToAvoid: ['sms'],
    });
    expect(change.timeline[0]?.data).toEqual({ changed: ['channels to avoid: sms', 'address'] });
  });
});
