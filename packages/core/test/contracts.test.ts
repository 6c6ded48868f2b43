import { describe, expect, it } from 'vitest';
import {
  AbsenceInput,
  CASE_COMMAND_INPUTS,
  ContactUpdateInput,
  DelayInput,
  DepartmentRequestInput,
  fieldErrors,
  REQUEST_COMMAND_INPUTS,
  ReclassifyInput,
} from '../src/contracts/index.js';

const errorsOf = (schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) return {};
  return fieldErrors(result.error as Parameters<typeof fieldErrors>[0]);
};

describe('command contracts', () => {
  it('names each missing field in words an officer understands', () => {
    expect(errorsOf(DepartmentRequestInput, {})).toEqual({
      department: 'Choose a department',
      question: 'Write the question for the department',
      dueBy: 'Choose the date the department should answer by',
    });
  });

  it('trims text and refuses text that is only spaces', () => {
    expect(DepartmentRequestInput.parse({ department: 'repairs', question: '  Why?  ', dueBy: '2026-12-01' })).toEqual({
      department: 'repairs',
      question: 'Why?',
      dueBy: '2026-12-01',
    });
    expect(errorsOf(CASE_COMMAND_INPUTS.close, { reason: '   ' })).toEqual({ reason: 'Give a reason' });
  });

  it.each([
    ['not a date', '1 December'],
    ['an impossible date', '2026-02-30'],
    ['a number', 20261201],
  ])('refuses %s where a date is expected', (_label, dueBy) => {
    expect(errorsOf(DepartmentRequestInput, { department: 'repairs', question: 'q', dueBy }).dueBy).toMatch(/date/i);
  });

  it('asks for a priority only when the case becomes a repair', () => {
    expect(errorsOf(ReclassifyInput, { category: 'repair', reason: 'leak' })).toEqual({
      priority: 'A repair needs a priority',
    });
    expect(ReclassifyInput.safeParse({ category: 'complaint', reason: 'unhappy' }).success).toBe(true);
    expect(errorsOf(ReclassifyInput, { category: 'question', reason: 'x' }).category).toBe(
      'Choose service request, complaint or repair',
    );
  });

  it('takes an extension only as a whole number of working days', () => {
    expect(DelayInput.safeParse({ reason: 'waiting for a contractor' }).success).toBe(true);
    expect(errorsOf(DelayInput, { reason: 'r', extensionWorkingDays: 2.5 }).extensionWorkingDays).toMatch(/whole/);
    expect(errorsOf(DelayInput, { reason: 'r', extensionWorkingDays: 0 }).extensionWorkingDays).toMatch(/at least 1/);
  });

  it('refuses a contact update that changes nothing, and unknown channels', () => {
    expect(errorsOf(ContactUpdateInput, {})).toEqual({ contact: 'Change at least one of the contact’s details' });
    expect(errorsOf(ContactUpdateInput, { channelsToAvoid: ['fax'] })['channelsToAvoid.0']).toBe(
      'Choose email, text message, letter or phone',
    );
    expect(ContactUpdateInput.parse({ largePrint: false })).toEqual({ largePrint: false });
  });

  it('takes an absence as both days or neither, in order', () => {
    expect(AbsenceInput.safeParse({}).success).toBe(true);
    expect(errorsOf(AbsenceInput, { from: '2026-12-01' })).toEqual({ to: 'Give both the first and the last day' });
    expect(errorsOf(AbsenceInput, { from: '2026-12-02', to: '2026-12-01' })).toEqual({
      to: 'The last day cannot be before the first',
    });
  });

  it('has a schema for every command route name', () => {
    expect(Object.keys(CASE_COMMAND_INPUTS)).toEqual([
      'take',
      'reassign',
      'requests',
      'reply',
      'reclassify',
      'escalate',
      'agreed-date',
      'delay',
      'notes',
      'log',
      'flag',
      'unflag',
      'contact',
      'confirm-details',
      'letter-read',
      'restrict',
      'close',
      'reopen',
      // Issue 11: responses measured by what happened, hazards and their milestones, the stated complaint.
      'responded',
      'hazard-confirm',
      'hazard-rule-out',
      'investigation-concluded',
      'summary-sent',
      'works-started',
      'repair-completed',
      'alternative-accommodation',
      'complaint-summary',
      // Issue 12: data protection on a case.
      'legal-hold',
      'disclosure',
      // Issue 14: cases that belong together.
      'merge',
      'link',
    ]);
    expect(Object.keys(REQUEST_COMMAND_INPUTS)).toEqual(['answer', 'more-time', 'close']);
    expect(errorsOf(CASE_COMMAND_INPUTS.take, 'not an object')).toEqual({ body: expect.any(String) });
  });
});
