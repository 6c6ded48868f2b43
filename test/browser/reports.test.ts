/**
 * The monthly report in Debian's Chromium against the local stack: a manager
 * opens it from the nav (the month defaults to the stack clock's month, not the
 * browser's), reads contacts by email, sees the charts (each an image named by its
 * figures, with the table beside it) and downloads one table, moves to
 * an empty month with the keyboard, sees an error in words, downloads the CSV from a blob URL under
 * the strict CSP, and axe finds nothing serious; an officer has no Reports link. A manager releases
 * a held form from the quarantine onto a new case; a virus offers no release.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { acceptDelivery, HeldByVerdict, quarantineDelivery } from '@housing-inbox/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, type Harness, NOW, residentEmail, seriousViolations, signIn, startHarness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  // The cases the report counts: two emails and a logged phone message, all received in December 2026.
  await h.email(residentEmail({ id: 'report-1', subject: 'Rent query', text: 'Is my rent going up? Nora Tenant' }));
  await h.email(
    residentEmail({
      id: 'report-2',
      subject: 'Fence down',
      text: 'The garden fence blew down last night. Ade Okoro',
      from: '"Ade Okoro" <ade.okoro@resident.example>',
    }),
  );
  const logged = await fetch(`${h.stack.httpUrl}/api/contacts/log`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${h.token(`${h.stack.policy.id}-manager`)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      kind: 'phone-message',
      summary: 'Asked for a call back about parking.',
      phone: '07700 900321',
    }),
  });
  expect(logged.status).toBe(201);
}, 600_000);

afterAll(async () => {
  await h?.stop();
});

describe('the monthly report', () => {
  it('a manager reads December’s figures and downloads them; an officer has no Reports link', async () => {
    const { context, page } = await h.newPage({ viewport: { width: 1280, height: 900 } });
    // The browser thinks it is March 2027; the stack's clock says December 2026, and the stack's clock rules.
    expect(NOW.startsWith('2026-12')).toBe(true);
    await context.clock.setFixedTime(new Date('2027-03-15T12:00:00Z'));
    const csp: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Trusted Type/i.test(m.text())) csp.push(m.text());
    });

    await signIn(page, `${h.stack.policy.id}-manager`);
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Monthly report' }).waitFor();
    const month = page.getByLabel('Month', { exact: true });
    // Empty for the moment the stack takes to say which month it is; then the stack's December.
    await expect.poll(() => month.inputValue(), { timeout: 20_000 }).toBe('2026-12');

    const contacts = page.getByRole('table', { name: 'Contacts received in December 2026, by channel' });
    const email = contacts.getByRole('row', { name: /^Email \d+$/ });
    await email.waitFor();
    expect(Number(await email.getByRole('cell').textContent())).toBeGreaterThanOrEqual(2);
    const phone = page.getByRole('table', { name: /^Phone messages and voicemails received in December 2026/ });
    expect(await phone.getByRole('row', { name: /^Received \d+$/ }).textContent()).toMatch(/[1-9]/);
    await page
      .getByRole('region', { name: 'Responses' })
      .getByText(/fell due|no on-time rate/)
      .waitFor();
    // The charts: SVG drawn by recharts under the strict CSP, each named by its figures.
    const channels = page.getByRole('img', { name: /^Bar chart of contacts in December 2026 by channel: Email \d+/ });
    await channels.waitFor();
    expect(await channels.locator('svg .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    // Nothing has fallen due yet in the harness's December: the standards chart says so in words.
    await page
      .getByRole('figure', { name: 'Within target, by standard (chart)' })
      .getByText(/no share to chart|Bar chart/)
      .waitFor();
    await page
      .getByRole('img', {
        name: /^Line chart of the share of answers within target from January 2026 to December 2026/,
      })
      .waitFor();
    await page.getByRole('img', { name: /^Bar chart of complaints received at stage 1 and stage 2/ }).waitFor();
    const trend = page.getByRole('table', { name: /^The on-time rate and complaints received per stage/ });
    expect(await trend.getByRole('row').count()).toBe(13);
    await page.getByRole('table', { name: /^Each service standard/ }).waitFor();
    await h.screenshot(page, 'report');
    expect(
      seriousViolations(
        await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
          .analyze(),
      ),
    ).toEqual([]);

    // The CSV: the same figures, saved from a blob URL.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /^Download CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`monthly-report-${h.stack.policy.id}-2026-12.csv`);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain(`Contacts by channel,Email,${await email.getByRole('cell').textContent()}\r\n`);
    await page.getByRole('status').filter({ hasText: 'Saved monthly-report-' }).waitFor();
    const tableButton = page.getByRole('button', { name: 'Download this table as CSV: Contacts by channel' });
    await tableButton.waitFor();
    const [one] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), tableButton.click()]);
    expect(one.suggestedFilename()).toBe(`monthly-report-${h.stack.policy.id}-2026-12-contacts.csv`);
    expect(await readFile(await one.path(), 'utf8')).toMatch(/^\uFEFFChannel,Contacts\r\nEmail,\d+\r\n/);

    // Keyboard: the month before has nothing in it.
    await month.focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('heading', { level: 2, name: 'No contacts this month' }).waitFor();
    expect(page.url()).toMatch(/\?month=2026-11$/);
    expect(await page.getByRole('table').count()).toBe(0);
    await h.screenshot(page, 'report-empty');

    // A failure is said in words, with the server's message.
    await page.route('**/api/reports/monthly**', (route) =>
      route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: 'The report store is busy' } } }),
    );
    await page.getByRole('button', { name: 'Show report' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The report for November 2026 could not be loaded' });
    await alert.getByText('The report store is busy').waitFor();
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    expect(csp).toEqual([]);

    // An officer: no Reports link, and the page itself says it is for managers. The browser's clock goes back
    // to the stack's time first: in March 2027 the officer's December sign-in would have expired on reload.
    await context.clock.setFixedTime(new Date(NOW));
    const officer = h.stack.officers.find((o) => o.role === 'officer' && o.active !== false);
    expect(officer).toBeDefined();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, officer?.id as string);
    await page.getByRole('link', { name: 'Officers' }).waitFor();
    expect(await page.getByRole('link', { name: 'Reports' }).count()).toBe(0);
    await page.goto('/console/reports');
    await page.getByText('Only managers can see the monthly report.').waitFor({ timeout: 60_000 });
  }, 240_000);
});

describe('the quarantine', () => {
  it('a manager releases a held form onto a new case, with a note; a virus offers no release', async () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    const form = {
      name: 'Lou Tenant',
      email: 'lou.tenant@resident.example',
      message: 'The bathroom extractor fan has stopped working.',
    };
    await quarantineDelivery(
      h.stack.ingest,
      { channel: 'web-form', raw: bytes(JSON.stringify(form)), contentType: 'application/json' },
      'the form handler failed before it could read it',
    );
    await acceptDelivery(h.stack.ingest, {
      channel: 'email',
      raw: bytes('From: someone@elsewhere.example\r\n\r\nEICAR'),
      contentType: 'message/rfc822',
      parse: () => {
        throw new HeldByVerdict('the mail provider found a virus', 'email', 'virus');
      },
    });

    const { page } = await h.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, `${h.stack.policy.id}-manager`);
    await page.getByRole('link', { name: 'Quarantine' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quarantine' }).waitFor();
    await page.getByText('Never released: it carries a virus.').waitFor();
    await page.getByText('The form handler failed before it could read it').waitFor();
    expect(await axe(page)).toEqual([]);

    await page.getByRole('button', { name: /^Release the web form delivery received / }).click();
    await page.getByLabel(/Why you judge it genuine/).fill('Lou rang to check we had it.');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Release and file it' }).click();
    const done = page.getByRole('status').filter({ hasText: /Released and filed on case/ });
    await done.waitFor();
    const ref = /on case (\S+)\./.exec((await done.textContent()) ?? '')?.[1] as string;
    expect(ref).toMatch(/^HT-2026-\d+$/);
    // The row now says where it went.
    await page.getByRole('cell', { name: new RegExp(`Released .* onto case ${ref}`) }).waitFor();
    await page.getByRole('link', { name: `Open case ${ref}` }).click();
    await page.getByText(form.message).first().waitFor();

    // The release and its note are on the audit trail, under their own kind of act.
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await page.getByLabel('Show').selectOption({ label: 'Quarantine releases' });
    await page.getByText('Lou rang to check we had it.').waitFor();
  }, 120_000);
});
