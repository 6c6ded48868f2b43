/**
 * Issue 14 in Debian's Chromium against the local stack: a manager lands on
 * the overdue and at-risk view; an officer starts a reply from a template,
 * previews it as the text message the resident will get (its length and
 * number of messages), confirms and sends exactly that; a refused request is
 * said in the officer's words. axe finds nothing serious or critical.
 */
import { smsLength } from '@housing-inbox/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it as vitestIt } from 'vitest';
import { axe, type Harness, NOW, residentEmail, signIn, startHarness } from './harness.js';

let h: Harness;
// A real browser on a shared 2-core machine: minutes, not the unit tests' 30 s.
const it = (name: string, fn: () => Promise<void>) => vitestIt(name, fn, 180_000);

beforeAll(async () => {
  h = await startHarness();
}, 600_000);

afterAll(async () => {
  await h?.stop();
});

/** From the manager's home, through every case, to one case. */
async function openCase(page: Page, ref: string): Promise<void> {
  await page.getByRole('link', { name: 'All cases' }).click();
  await page.getByRole('link', { name: ref, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(ref) }).waitFor();
}

const daysAgo = (n: number) => new Date(Date.parse(NOW) - n * 24 * 3_600_000);

describe('the officer’s working day', () => {
  it('a manager lands on the overdue and at-risk view after signing in', async () => {
    const late = await h.email(
      residentEmail({
        id: 'at-risk-1',
        subject: 'Fence panel',
        text: 'Our fence panel blew down in the storm. Ida Late',
        from: '"Ida Late" <ida.late@resident.example>',
      }),
      daysAgo(21),
    );
    const { page } = await h.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, `${h.stack.policy.id}-manager`);
    await page.getByRole('heading', { level: 1, name: 'Overdue and at risk' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/at-risk');
    const row = page.locator('tr', { has: page.getByRole('link', { name: late, exact: true }) });
    await row.getByText(/Overdue by \d+ working days/).waitFor();
    expect(await page.getByRole('link', { name: 'Overdue and at risk' }).getAttribute('aria-current')).toBe('page');
    await h.screenshot(page, 'manager-at-risk');
    expect(await axe(page), 'at-risk view').toEqual([]);
  });

  it('starts a reply from a template, previews it as a text message, and sends exactly that once confirmed', async () => {
    const sms = await fetch(`${h.stack.httpUrl}/local/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        originationNumber: '+447700900123',
        destinationNumber: '+447700900999',
        messageBody: 'The extractor fan in my bathroom has stopped working',
        inboundMessageId: 'reply-template-1',
      }),
    });
    const { caseRef: ref } = (await sms.json()) as { caseRef: string };
    const { page } = await h.newPage({ viewport: { width: 1280, height: 1000 } });
    await signIn(page, `${h.stack.policy.id}-manager`);
    await openCase(page, ref);

    await page.getByLabel('Start from a template').selectOption({ label: 'Repair booked' });
    await page.getByRole('button', { name: 'Use this template' }).click();
    const box = page.getByLabel('Your reply');
    await expect.poll(() => box.inputValue()).toContain('We have booked the repair for [day, date and time slot].');
    expect(await box.inputValue()).toContain(`call us on 0121 496 0000 and quote ${ref}`);

    // The template's gap must be written in before it can go.
    await page.getByRole('button', { name: 'Preview the reply' }).click();
    await page.getByRole('heading', { name: 'What the resident will get' }).waitFor();
    await page.getByText('Write in the template’s gaps first:').waitFor();
    expect(await page.getByRole('button', { name: 'Confirm and send' }).isDisabled()).toBe(true);

    const text = (await box.inputValue()).replace('[day, date and time slot]', 'Thursday 3 December, 8am to 1pm');
    await box.fill(text);
    await page.getByRole('button', { name: 'Preview the reply' }).click();
    const preview = page.locator('.preview-sms');
    await preview.waitFor();
    const expected = smsLength(text.trim());
    expect(expected.segments).toBeGreaterThan(1);
    expect(await preview.locator('figcaption').textContent()).toBe('Text message to +447700900123');
    expect(await preview.locator('.sms-bubble').textContent()).toBe(text.trim());
    expect(await preview.locator('.sms-length').textContent()).toBe(
      `${expected.characters} characters: ${expected.segments} text messages (153 characters each).`,
    );
    await h.screenshot(page, 'reply-preview-sms');
    expect(await axe(page), 'reply preview').toEqual([]);

    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await page.getByRole('status').filter({ hasText: 'Reply sent to the resident.' }).first().waitFor();
    const outbox = (await fetch(`${h.stack.httpUrl}/local/outbox`).then((r) => r.json())) as {
      items: { caseRef: string; purpose: string; channel: string; to: string; body: string }[];
    };
    const sent = outbox.items.filter((i) => i.caseRef === ref && i.purpose === 'reply');
    expect(sent).toEqual([expect.objectContaining({ channel: 'sms', to: '+447700900123', body: text.trim() })]);
  });

  it('says what is wrong in the officer’s words: the field’s label, dates in words, never a field name', async () => {
    const ref = await h.email(
      residentEmail({
        id: 'plain-words-1',
        subject: 'Rent statement',
        text: 'Please send me a rent statement for this year. Una Words',
        from: '"Una Words" <una.words@resident.example>',
      }),
    );
    const { page } = await h.newPage({ viewport: { width: 1280, height: 1000 } });
    await signIn(page, `${h.stack.policy.id}-manager`);
    await openCase(page, ref);
    const details = page.locator('details.request-input > summary');
    if ((await page.getByRole('form', { name: 'Request input from a department' }).count()) === 0)
      await details.click();
    const form = page.getByRole('form', { name: 'Request input from a department' });
    await form.getByLabel('Question').fill('Has the statement been sent?');
    await form.getByRole('button', { name: 'Send request' }).click();
    const summary = form.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Department: Choose a department']);
    expect(await axe(page), 'request error').toEqual([]);

    await form.getByLabel('Department').selectOption({ index: 1 });
    await form.getByLabel('Answer needed by').fill('2027-01-29');
    await form.getByRole('button', { name: 'Send request' }).click();
    await expect
      .poll(() => summary.textContent())
      .toMatch(/Answer needed by: Choose a date on or before the response target \(\w+day \d+ December 2026\)/);
    expect(await summary.textContent()).not.toMatch(/dueBy|\d{4}-\d{2}-\d{2}/);
  });
});
