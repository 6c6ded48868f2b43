/**
 * Finding and working through cases at scale, in Debian's Chromium against the
 * local stack: reception finds another team's case by a phone number written as
 * the caller says it, a manager pages through 200 cases by keyboard alone, and
 * at 360 px the queue is a list of cards under folded filters. axe on each page.
 */
import { afterAll, beforeAll, describe, expect, it as vitestIt } from 'vitest';
import { axe, type Harness, residentEmail, signIn, startHarness } from './harness.js';

let h: Harness;

/** A real browser on a 2-core machine shared with the other test files: generous, not 30 s. */
const it = (name: string, fn: () => Promise<void>) => vitestIt(name, fn, 600_000);

const SEEDED = 200;
const seeded: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  // 200 cases for one queue, four at a time.
  for (let i = 0; i < SEEDED; i += 4) {
    const refs = await Promise.all(
      [0, 1, 2, 3].map((j) =>
        h.email(
          residentEmail({
            id: `bulk-${i + j}`,
            subject: `Parking permit renewal ${i + j}`,
            text: `Please renew my parking permit. Resident ${i + j}`,
            from: `"Resident ${i + j}" <bulk${i + j}@resident.example>`,
          }),
        ),
      ),
    );
    seeded.push(...refs);
  }
}, 900_000);

afterAll(async () => {
  await h?.stop();
});

describe('search', () => {
  it('reception finds another team’s case by the phone number as the caller says it, and opens it', async () => {
    const res = await fetch(`${h.stack.httpUrl}/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Priya Raman',
        phone: '+447700900123',
        category: 'repairs',
        message: 'The kitchen tap has been dripping for a week',
      }),
    });
    const { ref } = (await res.json()) as { ref: string };
    const kase = await h.stack.repository.getCase(ref);
    const reception = h.stack.officers.find((o) => o.role === 'reception');
    expect(kase?.teamId).not.toBe(reception?.teamId);

    const { page } = await h.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, reception?.id as string);
    // `/` from anywhere on the page puts the cursor in the one search box.
    await page.locator('main h1').click();
    await page.keyboard.press('/');
    expect(await page.evaluate('document.activeElement.id')).toBe('header-q');
    await page.keyboard.type('07700 900123');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Cases matching “07700 900123”' }).waitFor();
    const row = page.locator('tr', { has: page.getByRole('link', { name: ref, exact: true }) });
    await row.getByText('Priya Raman').waitFor();
    await page.getByRole('status').filter({ hasText: '1 case found' }).waitFor();
    await h.screenshot(page, 'search-phone');
    expect(await axe(page), 'search results').toEqual([]);

    await page.getByRole('link', { name: ref, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(ref) }).waitFor();
  });
});

describe('the queue at scale', () => {
  it('a manager pages through 200 cases with j and k alone, and Enter opens one', async () => {
    const manager = h.stack.officers.find((o) => o.role === 'manager');
    const { page } = await h.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, manager?.id as string);
    await page.goto('/console/?queue=all');
    await page.getByRole('heading', { level: 1, name: 'All cases' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Page 1: 50 cases' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(50);
    expect(await axe(page), 'queue').toEqual([]);

    const focusedRef = () => page.evaluate<string>("document.activeElement ? document.activeElement.textContent : ''");
    /** Polls with page.evaluate (CDP): the console's CSP forbids the eval a string predicate needs. */
    const until = async (check: (focused: string) => boolean) => {
      for (let i = 0; i < 200; i++) {
        if (check(await focusedRef())) return;
        await new Promise((done) => setTimeout(done, 100));
      }
      throw new Error(`the focus stayed on ${await focusedRef()}`);
    };
    const focusedIsRowLink = () =>
      page.evaluate<boolean>(
        "Boolean(document.activeElement && document.activeElement.classList.contains('row-link'))",
      );
    const pageRefs = () =>
      page.evaluate<string[]>("[...document.querySelectorAll('tbody tr')].map((tr) => tr.dataset.ref)");
    const visited = new Set<string>();
    await page.locator('main h1').click();
    await page.keyboard.press('j');
    for (let pageNo = 1; ; pageNo++) {
      await page
        .getByRole('status')
        .filter({ hasText: `Page ${pageNo}:` })
        .waitFor();
      const rows = await pageRefs();
      await until((f) => f === rows[0]);
      for (let i = 1; i < rows.length; i++) await page.keyboard.press('j');
      // The last row of the page has the focus: every row was passed on the way.
      await until((f) => f === rows.at(-1));
      for (const ref of rows) visited.add(ref);
      if (await page.getByRole('button', { name: 'Next page' }).isDisabled()) break;
      await page.keyboard.press('j'); // on to the next page's first row
    }
    for (const ref of seeded) expect(visited.has(ref), ref).toBe(true);

    // k goes back up.
    const last = await focusedRef();
    await page.keyboard.press('k');
    await until((f) => f !== last);

    // ? shows the keys; Escape closes them; Enter opens the case in focus.
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    for (let i = 0; i < 100 && !(await focusedIsRowLink()); i++) await new Promise((done) => setTimeout(done, 100));
    const open = await focusedRef();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(open) }).waitFor();
  });

  it('filters by kind on the server, so the filter finds cases on any page', async () => {
    const manager = h.stack.officers.find((o) => o.role === 'manager');
    const { page } = await h.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, manager?.id as string);
    await page.goto('/console/?queue=all');
    await page.getByRole('status').filter({ hasText: 'Page 1: 50 cases' }).waitFor();
    await page.getByLabel('Order').selectOption('received');
    await page.getByLabel('Channel').selectOption('web-form');
    // Only the web-form case (the repair) is left, found although 200 emails came after it.
    await page.getByRole('status').filter({ hasText: 'Page 1: 1 case' }).waitFor();
    await page.locator('tbody tr').getByText('Priya Raman').waitFor();
  });

  it('at 360 px the filters fold away and the queue is a list of cards', async () => {
    const manager = h.stack.officers.find((o) => o.role === 'manager');
    const { page } = await h.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await signIn(page, manager?.id as string);
    await page.goto('/console/?queue=all');
    await page.getByRole('status').filter({ hasText: 'Page 1: 50 cases' }).waitFor();
    // Folded: the filters are behind "Filters and order" until opened.
    await expect(page.getByLabel('Channel').isVisible()).resolves.toBe(false);
    await page.getByText('Filters and order').click();
    await page.getByLabel('Channel').waitFor();
    await page.getByText('Filters and order').click();

    const first = page.locator('tbody tr').first();
    expect(await page.evaluate("getComputedStyle(document.querySelector('tbody tr')).display")).toBe('block');
    const box = await first.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(360);
    // Each value is named on the card; nothing runs off the side of the screen.
    expect(
      await page.evaluate(
        `getComputedStyle(document.querySelector('tbody tr td[data-label="Due"]'), '::before').content`,
      ),
    ).toBe('"Due: "');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await h.screenshot(page, 'queue-360px');
    expect(await axe(page), 'queue at 360 px').toEqual([]);
  });
});
