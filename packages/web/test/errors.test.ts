import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/app/api.js';
import { dateInWords, fieldLabel, instantInWords, inWords, loadProblem } from '../src/app/errors.js';
import { unfilledPrompts } from '../src/app/pages/case/ReplyPreview.js';

describe('errors in the officer’s words', () => {
  it('names a field by the form’s label, else the console’s word, never the API’s name', () => {
    expect(fieldLabel('dueBy', { dueBy: 'Answer needed by' })).toBe('Answer needed by');
    expect(fieldLabel('newReplyDate')).toBe('New reply date told to the resident');
    expect(fieldLabel('department')).toBe('Department');
    expect(fieldLabel('somethingNew')).toBeUndefined();
  });

  it('says dates in words and starts with a capital', () => {
    expect(inWords('the target (2026-12-15) has passed')).toBe('The target (Tuesday 15 December 2026) has passed');
    expect(dateInWords('2027-01-01')).toBe('Friday 1 January 2027');
  });

  it('says an instant in UK time, summer and winter', () => {
    expect(instantInWords('2026-12-01T14:05:00Z')).toBe('Tuesday 1 December 2026, 14:05');
    expect(instantInWords('2026-07-01T14:05:00Z')).toBe('Wednesday 1 July 2026, 15:05');
  });

  it('says what a failed load means and what to do, never a status code', () => {
    const offline = new ApiError(0, 'offline', 'The server could not be reached.');
    expect(loadProblem(offline, 'the case')).toMatch(/^Could not reach the server .* try again\.$/);
    expect(loadProblem(new ApiError(500, 'internal-error', 'x'), 'the queue')).not.toMatch(/500/);
    expect(loadProblem(new ApiError(404, 'not-found', 'no case HT-1'), 'case')).toBe(
      'There is no such case, or it is not one you may see.',
    );
  });
});

describe('a template’s gaps', () => {
  it('finds the [square brackets] an officer must write in', () => {
    expect(unfilledPrompts('Booked for [day, date and time slot]. Tick [x]')).toEqual(['[day, date and time slot]']);
    expect(unfilledPrompts('Booked for Thursday.')).toEqual([]);
  });
});
