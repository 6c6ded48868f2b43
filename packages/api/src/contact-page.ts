/**
 * The resident form's pages. They work without JavaScript: a plain HTML form
 * posts, errors come back on the same page linked to their fields, success
 * redirects to a confirmation page showing the case reference and answer date.
 */
import { formatLocalDate, type LandlordPolicy } from '@housing-inbox/core';
import type { ContactFields } from '@housing-inbox/services';
import { escapeHtml } from './http.js';

const FIELD_LABELS: [string, string][] = [
  ['name', 'Your name'],
  ['email', 'Email address'],
  ['phone', 'Phone number'],
  ['address', 'Address'],
  ['tenancyRef', 'Tenancy reference'],
  ['category', 'What is it about?'],
  ['message', 'Your message'],
  ['preferredChannel', 'How should we reply?'],
  ['communicationNeeds', 'Anything that helps you communicate with us'],
];

function page(policy: LandlordPolicy, title: string, content: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – ${escapeHtml(policy.name)}</title>
<style>
  body { font-family: system-ui, sans-serif; font-size: 1.125rem; line-height: 1.5; margin: 0; color: #0b0c0c; background: #fff; }
  main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
  label { display: block; font-weight: 700; margin-top: 1.25rem; }
  .hint { color: #484949; font-size: 1rem; margin: 0.25rem 0; }
  input, select, textarea { font: inherit; width: 100%; box-sizing: border-box; padding: 0.5rem; border: 2px solid #0b0c0c; }
  textarea { min-height: 10rem; }
  input:focus, select:focus, textarea:focus, button:focus, a:focus { outline: 3px solid #fd0; outline-offset: 0; }
  .error { color: #b10e1e; font-weight: 700; margin: 0.25rem 0; }
  [aria-invalid="true"] { border-color: #b10e1e; border-width: 3px; }
  .summary { border: 4px solid #b10e1e; padding: 1rem; margin: 1rem 0; }
  .panel { border: 4px solid #00703c; padding: 1rem; margin: 1rem 0; }
  .ref { font-size: 1.75rem; font-weight: 700; letter-spacing: 0.05em; overflow-wrap: anywhere; }
  .summary:focus { outline: 3px solid #fd0; }
  a { color: #1d4f91; }
  button { font: inherit; margin-top: 1.5rem; padding: 0.6rem 1.2rem; background: #00703c; color: #fff; border: 0; cursor: pointer; }
  .trap { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
</style>
</head>
<body><main>${content}</main></body>
</html>`;
}

/** The landlord's phone number from the policy (`contact.phone`), as a link a phone can dial; nothing when it gives none. */
function phoneLine(policy: LandlordPolicy, lead: string): string {
  const phone = policy.contact?.phone;
  if (!phone) return '';
  const dial = phone.replace(/\s+/g, '');
  return `<p>${escapeHtml(lead)} <a href="tel:${escapeHtml(dial)}">${escapeHtml(phone)}</a>.</p>`;
}

export function renderContactForm(
  policy: LandlordPolicy,
  values: ContactFields = {},
  errors: Record<string, string> = {},
): string {
  const v = (k: string) => escapeHtml(values[k] ?? '');
  const errorIds = Object.keys(errors);
  const described = (k: string, hint?: boolean) => {
    const ids = [hint ? `${k}-hint` : '', errors[k] ? `${k}-error` : ''].filter(Boolean).join(' ');
    return `${ids ? ` aria-describedby="${ids}"` : ''}${errors[k] ? ' aria-invalid="true"' : ''}`;
  };
  const err = (k: string) =>
    errors[k] ? `<p class="error" id="${k}-error">${escapeHtml(errors[k] as string)}</p>` : '';
  const label = (k: string) => FIELD_LABELS.find(([f]) => f === k)?.[1] ?? k;
  const option = (value: string, text: string, current: string) =>
    `<option value="${escapeHtml(value)}"${current === value ? ' selected' : ''}>${escapeHtml(text)}</option>`;

  // In the order of the form, so the list reads as the page does; focus lands on it without JavaScript.
  const ordered = [
    ...FIELD_LABELS.map(([k]) => k).filter((k) => errors[k]),
    ...errorIds.filter((k) => !FIELD_LABELS.some(([f]) => f === k)),
  ];
  const target = (k: string) => (FIELD_LABELS.some(([f]) => f === k) ? k : 'name');
  const summary = ordered.length
    ? `<div class="summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title"><h2 id="error-summary-title">There is a problem</h2><ul>${ordered
        .map((k) => `<li><a href="#${target(k)}">${escapeHtml(label(k))}: ${escapeHtml(errors[k] as string)}</a></li>`)
        .join('')}</ul></div>`
    : '';

  return page(
    policy,
    errorIds.length ? 'Error: Contact us' : 'Contact us',
    `<h1>Contact ${escapeHtml(policy.name)}</h1>
<p>Tell us what you need. We will give you a reference number and the date by which we will answer.</p>
${phoneLine(policy, 'If it is urgent, or you would rather talk to us, call')}
${summary}
<form method="post" action="/contact" novalidate>
  <label for="name">Your name</label>${err('name')}
  <input id="name" name="name" autocomplete="name" value="${v('name')}"${described('name')}>

  <label for="email">Email address</label>
  <p class="hint" id="email-hint">Give an email address, a phone number, or both.</p>${err('email')}
  <input id="email" name="email" type="email" autocomplete="email" spellcheck="false" value="${v('email')}"${described('email', true)}>

  <label for="phone">Phone number</label>${err('phone')}
  <input id="phone" name="phone" type="tel" autocomplete="tel" value="${v('phone')}"${described('phone')}>

  <label for="address">Address (optional)</label>${err('address')}
  <textarea id="address" name="address" autocomplete="street-address" rows="3" style="min-height:0"${described('address')}>${v('address')}</textarea>

  <label for="tenancyRef">Tenancy reference (optional)</label>
  <p class="hint" id="tenancyRef-hint">It is on your rent statement. Leave it blank if you do not know it.</p>${err('tenancyRef')}
  <input id="tenancyRef" name="tenancyRef" value="${v('tenancyRef')}"${described('tenancyRef', true)}>

  <label for="category">What is it about? (optional)</label>${err('category')}
  <select id="category" name="category"${described('category')}>
    ${option('', 'Choose one', values.category ?? '')}
    ${policy.categories.map((c) => option(c.id, c.label, values.category ?? '')).join('\n    ')}
  </select>

  <label for="message">Your message</label>
  <p class="hint" id="message-hint">If something is dangerous, such as a gas leak or flooding, please also phone us now.</p>${err('message')}
  <textarea id="message" name="message"${described('message', true)}>${v('message')}</textarea>

  <label for="preferredChannel">How should we reply?</label>${err('preferredChannel')}
  <select id="preferredChannel" name="preferredChannel"${described('preferredChannel')}>
    ${option('', 'No preference', values.preferredChannel ?? '')}
    ${option('email', 'Email', values.preferredChannel ?? '')}
    ${option('sms', 'Text message', values.preferredChannel ?? '')}
    ${option('letter', 'Letter', values.preferredChannel ?? '')}
    ${option('phone', 'Phone call', values.preferredChannel ?? '')}
  </select>

  <label for="communicationNeeds">Anything that helps you communicate with us (optional)</label>
  <p class="hint" id="communicationNeeds-hint">For example large print, an interpreter, British Sign Language, or a time of day to call.</p>${err('communicationNeeds')}
  <input id="communicationNeeds" name="communicationNeeds" value="${v('communicationNeeds')}"${described('communicationNeeds', true)}>

  <div class="trap" aria-hidden="true"><label for="website">Leave this empty</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>

  <button type="submit">Send</button>
</form>`,
  );
}

/** A submission kept for a person to file (it could not be filed automatically). */
export const HELD_MESSAGE =
  'We have your message. We could not file it automatically, so a member of staff will read it and contact you.';

export function renderHeld(policy: LandlordPolicy): string {
  return page(
    policy,
    'Message received',
    `<div class="panel"><h1>We have your message</h1>
<p>${escapeHtml(HELD_MESSAGE.replace('We have your message. ', ''))}</p></div>
<p><a href="/contact">Send another message</a></p>`,
  );
}

export function renderConfirmation(policy: LandlordPolicy, ref: string, respondBy?: string): string {
  return page(
    policy,
    'Message received',
    `<div class="panel"><h1>We have your message</h1>
<p>Your reference is</p><p class="ref">${escapeHtml(ref)}</p></div>
${respondBy ? `<p>We will answer by <strong>${escapeHtml(formatLocalDate(respondBy, policy.timeZone))}</strong>.</p>` : ''}
<p>Please quote your reference if you contact us again about this.</p>
${phoneLine(policy, 'If it is urgent, call')}
<p><a href="/contact">Send another message</a></p>`,
  );
}
