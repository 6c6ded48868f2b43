/**
 * The resident contact form in Debian's Chromium: on a 360px phone screen with
 * JavaScript off, a resident sends a message and sees the reference and the
 * date we will answer by; mistakes come back linked to their fields; axe finds
 * nothing serious on the form, the error page or the confirmation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it as vitestIt } from 'vitest';
import { axe, type Harness, startHarness } from './harness.js';

let h: Harness;

/** A real browser on a 2-core machine shared with the other test files: generous, not 30 s. */
const it = (name: string, fn: () => Promise<void>) => vitestIt(name, fn, 120_000);

beforeAll(async () => {
  h = await startHarness();
}, 600_000);

afterAll(async () => {
  await h?.stop();
});

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Wider than the screen means sideways scrolling on a phone. */
async function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth');
}

describe('the resident contact form', () => {
  it('works with JavaScript off on a 360px screen: reference and answer date on the confirmation', async () => {
    const { page } = await h.newPage({ ...PHONE, javaScriptEnabled: false });
    await page.goto('/contact');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await h.screenshot(page, 'contact-form-360');

    await page.getByLabel('Your name').fill('Priya Resident');
    await page.getByLabel('Email address').fill('priya@resident.example');
    await page.getByLabel('Phone number').fill('07700 900123');
    await page.getByLabel('What is it about?').selectOption(h.stack.policy.categories[0]?.id as string);
    await page.getByLabel('Your message').fill('Please send me a copy of my rent statement for this year.');
    await page.getByLabel('How should we reply?').selectOption('email');
    await page.getByLabel(/Anything that helps you communicate/).fill('Large print, please');
    await page.getByRole('button', { name: 'Send' }).click();

    await page.waitForURL(/\/contact\/confirmation\?/);
    const text = (await page.locator('main').textContent()) ?? '';
    const ref = /[A-Z]{2,4}-\d{4}-\d{6}/.exec(text)?.[0];
    expect(ref, text).toBeDefined();
    expect(text).toMatch(/We will answer by\s+\w+day,? \d{1,2} \w+ 20\d\d/);
    await h.screenshot(page, 'contact-confirmation-360');

    // The case exists, with what the resident asked for.
    const kase = await h.stack.repository.getCase(ref as string);
    expect(kase?.channel).toBe('web-form');
  });

  it('links each mistake to its field, without JavaScript', async () => {
    const { page } = await h.newPage({ ...PHONE, javaScriptEnabled: false });
    await page.goto('/contact');
    await page.getByLabel('Your name').fill('Sam');
    await page.getByRole('button', { name: 'Send' }).click();

    const summary = page.getByRole('alert');
    await summary.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await page.title()).toMatch(/^Error:/);
    const links = summary.getByRole('link');
    expect(await links.count()).toBeGreaterThanOrEqual(2);
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      const field = page.locator(href as string);
      expect(await field.getAttribute('aria-invalid'), href as string).toBe('true');
      const described = (await field.getAttribute('aria-describedby')) ?? '';
      expect(described).toContain(`${(href as string).slice(1)}-error`);
    }
    // What was typed is kept.
    expect(await page.getByLabel('Your name').inputValue()).toBe('Sam');
    await h.screenshot(page, 'contact-errors-360');
  });

  it('has no serious or critical axe findings on the form, the errors and the confirmation, and no sideways scrolling', async () => {
    // axe runs as script in the page, so this context has JavaScript on; the pages are the same.
    const { page } = await h.newPage(PHONE);
    await page.goto('/contact');
    expect(await axe(page), 'form').toEqual([]);
    expect(await overflowsSideways(page), 'form at 360px').toBe(false);

    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await axe(page), 'form with errors').toEqual([]);
    expect(await overflowsSideways(page), 'errors at 360px').toBe(false);

    await page.getByLabel('Your name').fill('Ola Resident');
    await page.getByLabel('Phone number').fill('07700 900456');
    await page.getByLabel('Your message').fill('The lift in our block has been broken since Monday.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/contact\/confirmation\?/);
    expect(await axe(page), 'confirmation').toEqual([]);
    expect(await overflowsSideways(page), 'confirmation at 360px').toBe(false);
  });
});
