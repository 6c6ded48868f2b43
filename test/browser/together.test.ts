/**
 * Issue 14 in Debian's Chromium against the local stack: a manager merges two
 * cases of one resident from the case page (seeing the duplicate said on it and
 * the resident's page), and a notification reaches an officer a case is
 * reassigned to, without a refresh; axe on every page it passes.
 */
import { afterAll, beforeAll, describe, expect, it as vitestIt } from 'vitest';
import { axe, type Harness, residentEmail, signIn, startHarness } from './harness.js';

let h: Harness;

/** A real browser on a 2-core machine shared with the other test files: generous, not 30 s. */
const it = (name: string, fn: () => Promise<void>) => vitestIt(name, fn, 180_000);

beforeAll(async () => {
  h = await startHarness();
}, 600_000);

afterAll(async () => {
  await h?.stop();
});

const MANAGER = 'hightown-manager';

describe('duplicates and notifications in the console', () => {
  it('a manager merges two cases of one resident from the case page', async () => {
    const from = '"Ada Resident" <ada.resident@resident.example>';
    const first = await h.email(
      residentEmail({ id: 'merge-b-1', subject: 'Leaking tap', text: 'The kitchen tap drips all night.', from }),
    );
    const second = await h.email(
      residentEmail({ id: 'merge-b-2', subject: 'Kitchen tap', text: 'Still dripping, please send someone.', from }),
    );

    const { page } = await h.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, MANAGER);
    await page.goto(`/console/cases/${second}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(second) }).waitFor();
    // The duplicate is said on the case, with a link to the other one.
    const notice = page.locator('.notice', { hasText: 'Possible duplicate' });
    await notice.getByRole('link', { name: first }).waitFor();

    // The whole resident: both cases, every message.
    await page.getByRole('link', { name: /every case and message/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Ada Resident' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Cases (2)' }).waitFor();
    await page.getByRole('link', { name: first }).first().waitFor();
    await h.screenshot(page, 'resident-page');
    expect(await axe(page), 'resident page').toEqual([]);

    // Merge the first case into the second.
    await page.goto(`/console/cases/${second}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(second) }).waitFor();
    await page.locator('summary', { hasText: 'Merge another case into this one' }).click();
    const form = page.getByRole('form', { name: 'Merge another case into this one' });
    await form.getByLabel('Case to merge in').fill(first);
    await form.getByLabel('Reason').fill('The same dripping tap');
    await form.getByRole('button', { name: 'Merge' }).click();
    await page.getByText('Cases merged.').first().waitFor();
    await page.getByRole('heading', { level: 2, name: /^Messages \(/ }).waitFor();
    await page.getByText('Still dripping, please send someone.').first().waitFor();
    await page.getByText('The kitchen tap drips all night.').first().waitFor();
    await h.screenshot(page, 'case-merged');
    expect(await axe(page), 'merged case').toEqual([]);

    // The old reference now leads to the survivor.
    await page.goto(`/console/cases/${first}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(second) }).waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/console/cases/${second}`);
  });

  it('a notification reaches an officer a case is reassigned to, without a refresh', async () => {
    const ref = await h.email(
      residentEmail({
        id: 'reassign-b-1',
        subject: 'Parking bay',
        text: 'Someone parks in my disabled bay every evening.',
        from: '"Bo Resident" <bo.resident@resident.example>',
      }),
    );
    const kase = await h.stack.repository.getCase(ref);
    const officer = h.stack.officers.find(
      (o) => o.teamId === kase?.teamId && o.role === 'officer' && o.id !== kase?.ownerId,
    );
    expect(officer).toBeDefined();

    const { page } = await h.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, officer?.id as string);
    await page.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();

    // The manager reassigns the case while the officer's console is open.
    const res = await fetch(`${h.stack.httpUrl}/api/cases/${ref}/reassign`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.token(MANAGER)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ownerId: officer?.id, reason: 'Covering the patch this week' }),
    });
    expect(res.status).toBe(200);

    // The badge and the queue row show it without a refresh.
    const row = page.locator('tr', { has: page.getByRole('link', { name: ref }) });
    await row.getByText('Reassigned to you').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: /^Notifications \d+ unread$/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: /^Notifications/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    const item = page.locator('.notification-list li', { has: page.getByRole('link', { name: ref }) });
    await item.getByText('Reassigned to you').waitFor();
    await h.screenshot(page, 'notifications');
    expect(await axe(page), 'notifications').toEqual([]);

    // Opening the case clears the marker; marking all read clears the badge.
    await item.getByRole('link', { name: ref }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(ref) }).waitFor();
    await page.getByRole('link', { name: 'Queues' }).first().click();
    await page.getByRole('link', { name: ref }).waitFor();
    await expect.poll(() => row.getByText('Reassigned to you').count(), { timeout: 30_000 }).toBe(0);
    await page.getByRole('link', { name: /^Notifications/ }).click();
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByRole('status').filter({ hasText: '0 unread' }).waitFor();
    await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor({ timeout: 30_000 });
  });
});
