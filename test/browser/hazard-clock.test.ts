/**
 * A damp-and-mould report on the case page in Debian's Chromium against the
 * local stack: the owner confirms the flagged hazard, records the
 * investigation (after an error in plain words) and the written summary, and
 * sees the hazard's clock move on at each step; axe at each step.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, type Harness, residentEmail, startHarness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 600_000);

afterAll(async () => {
  await h?.stop();
});

/** A command's folded panel on the case page, by the words on its fold. */
function panel(page: Page, summary: string) {
  return page.locator('details.action > summary', { hasText: new RegExp(`^${summary}$`) });
}

async function openPanel(page: Page, summary: string) {
  await panel(page, summary).click();
}

/** The value of one row of the case's hazard clock. */
function step(page: Page, label: string) {
  return page.locator('.summary-list > div', { has: page.getByText(label, { exact: true }) }).locator('dd');
}

describe('a damp-and-mould hazard on the case page', () => {
  it('the owner confirms it, records the investigation and the summary, and the clock follows', async () => {
    const ref = await h.email(
      residentEmail({
        id: 'mould-1',
        subject: 'Black mould in the bedroom',
        text: 'There is black mould spreading across the bedroom wall and the window is always wet. My son has asthma. Nora Tenant, 12 Mill Lane, HX1 4AB',
      }),
    );
    const ownerId = (await h.stack.repository.getCase(ref))?.ownerId as string;
    expect(ownerId).toBeTruthy();

    const { page } = await h.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto('/console/');
    await page.getByLabel('Officer').selectOption(ownerId);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: ref }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(ref) }).waitFor();

    // Flagged by the words: the investigation's clock already runs from receipt.
    await page.getByText('Likely hazard (damp and mould):').waitFor();
    await expect.poll(() => step(page, 'Damp and mould').textContent()).toContain('Flagged by the words');
    expect(await step(page, 'Investigation').textContent()).toMatch(
      /^Due by Tue,? 15 Dec 2026 ·\s+10 working days left/,
    );
    expect(await panel(page, 'Record the investigation’s findings').count()).toBe(0);
    expect(await axe(page), 'flagged').toEqual([]);

    await openPanel(page, 'Confirm the hazard');
    const confirm = page.getByRole('form', { name: 'Confirm the hazard' });
    await confirm.getByLabel('Hazard', { exact: true }).selectOption('hazard-damp-mould');
    await confirm.getByLabel('Why it is a hazard').fill('Photos show mould over a square metre, a child with asthma.');
    await confirm.getByRole('button', { name: 'Confirm the hazard' }).click();
    await page.getByRole('status').filter({ hasText: 'Hazard confirmed.' }).waitFor();
    await expect.poll(() => step(page, 'Damp and mould').textContent()).toMatch(/^Confirmed by .*: Photos show/);
    expect(await panel(page, 'Rule out the hazard').count()).toBe(0);

    // Two days on, the surveyor's findings; first without saying whether works are needed.
    await h.stack.clock.set(new Date('2026-12-03T10:00:00.000Z'));
    await openPanel(page, 'Record the investigation’s findings');
    const investigation = page.getByRole('form', { name: 'Record the investigation’s findings' });
    await investigation
      .getByLabel('What the investigation found')
      .fill('Mould behind the wardrobe; the extractor fan has failed.');
    await investigation.getByLabel('When the investigation concluded').fill('02/12/2026 14:00');
    await investigation.getByRole('button', { name: 'Record the findings' }).click();
    const problem = investigation.getByRole('alert');
    await problem.getByRole('link', { name: /Is safety work or a repair needed\?: Say whether/ }).waitFor();
    expect(await axe(page), 'investigation error').toEqual([]);
    await problem.getByRole('link', { name: /Is safety work or a repair needed/ }).click();
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('investigation-concluded-worksNeeded');

    await investigation.getByLabel('Is safety work or a repair needed?').selectOption('yes');
    await investigation.getByLabel('Is further (preventative) work needed? (optional)').selectOption('no');
    await investigation.getByRole('button', { name: 'Record the findings' }).click();
    await page.getByRole('status').filter({ hasText: 'Investigation recorded.' }).waitFor();
    await expect
      .poll(() => step(page, 'Investigation').textContent())
      .toMatch(/^Done 2 Dec 2026,? (at )?14:00 \(target met\)/);
    // Each statutory date counted from the conclusion (Wednesday 2 December): the summary in 3 working
    // days, the safety work done in 5 (Awaab's Law); starting the works has no date of its own in England.
    expect(await step(page, 'Written summary of the findings sent').textContent()).toBe(
      'Not yet recorded · due by Mon, 7 Dec 2026',
    );
    expect(await step(page, 'Works started').textContent()).toBe('Not yet recorded');
    expect(await step(page, 'Works completed').textContent()).toBe('Not yet recorded · due by Wed, 9 Dec 2026');
    expect(await panel(page, 'Record the works completed').count()).toBe(0);
    await h.screenshot(page, 'hazard-investigated');

    // The written summary, sent now.
    await openPanel(page, 'Record the written summary sent');
    const summary = page.getByRole('form', { name: /^Record the written summary/ });
    await summary.getByLabel('Note (optional)').fill('Sent by email with the surveyor’s photos.');
    await summary.getByRole('button', { name: 'Record summary sent' }).click();
    await page.getByRole('status').filter({ hasText: 'Summary recorded.' }).waitFor();
    await expect
      .poll(() => step(page, 'Written summary of the findings sent').textContent())
      .toMatch(/^Done 3 Dec 2026,? (at )?10:00 — Sent by email/);
    expect(await panel(page, 'Record the written summary sent').count()).toBe(0);
    await panel(page, 'Record the works started').waitFor();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Written summary of the findings sent to the resident' })
      .first()
      .waitFor();
    await h.screenshot(page, 'hazard-summary-sent');
    expect(await axe(page), 'summary sent').toEqual([]);
  }, 180_000);
});
