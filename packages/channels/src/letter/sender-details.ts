/**
 * The obvious contact details in a letter's text, so the case starts with a way
 * to reply. Only what is plainly there: an officer checks them against the scan.
 */
export interface SenderDetails {
  name?: string;
  email?: string;
  phone?: string;
  address?: string;
  tenancyRef?: string;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
// +44 or 0, then ten digits in the usual groupings: 07700 900123, 0161 496 0000, (020) 7946 0018, +44 (0)7700 900123.
const UK_PHONE = /(?<![\d+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)/g;
const POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})\b/;
const TENANCY_REF =
  /\b(?:tenancy|tenant|rent|account|customer|property)\s*(?:ref(?:erence)?|no|number|id)\b\.?\s*(?:is|[:;#])?\s*([A-Z0-9][A-Z0-9/-]{3,19})\b/i;
const SIGN_OFF =
  /^(yours (sincerely|faithfully|truly)|kind regards|best regards|regards|many thanks|thank you|thanks)\b[,.!]?$/i;
const TITLED_NAME = /^(mr|mrs|ms|miss|mx|dr)\.?\s+[A-Z]/i;
const SIGNED_AS = /^[A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’.-]*){0,3}$/;

export function spotSenderDetails(text: string): SenderDetails {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const name =
    findSignature(lines) ?? lines.find((l) => TITLED_NAME.test(l) && SIGNED_AS.test(l.replace(/^\w+\.?\s+/, '')));
  return {
    name,
    email: text.match(EMAIL)?.[0],
    phone: findPhone(text),
    address: findAddress(lines, name),
    tenancyRef: text.match(TENANCY_REF)?.[1],
  };
}

function findPhone(text: string): string | undefined {
  for (const match of text.matchAll(UK_PHONE)) {
    const digits = match[0].replace(/\D/g, '');
    const national = digits.startsWith('440')
      ? digits.slice(3)
      : digits.startsWith('44')
        ? digits.slice(2)
        : digits.slice(1);
    if (national.length === 10) return match[0].trim();
  }
  return undefined;
}

/** The name under the sign-off ("Yours sincerely," … "Jane Smith"). */
function findSignature(lines: string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!SIGN_OFF.test(lines[i] ?? '')) continue;
    const name = lines.slice(i + 1, i + 5).find((l) => l.length > 0);
    if (name && SIGNED_AS.test(name)) return name;
  }
  return undefined;
}

/**
 * The lines above the first UK postcode, as one line. In a UK letter the
 * sender's address comes first (top right), the landlord's below it. OCR puts
 * blank lines between lines it sees as separate blocks, so blanks are skipped;
 * the block stops at a name, a date, a phone number or an email address.
 */
function findAddress(lines: string[], name: string | undefined): string | undefined {
  const at = lines.findIndex((l) => POSTCODE.test(l));
  if (at < 0) return undefined;
  const block: string[] = [];
  for (let i = at; i >= 0 && block.length < 6; i--) {
    const line = lines[i] ?? '';
    if (!line) continue;
    if (line === name || TITLED_NAME.test(line) || NOT_ADDRESS.some((p) => p.test(line))) break;
    block.unshift(line.replace(/,$/, ''));
  }
  return block.length ? block.join(', ') : undefined;
}

const NOT_ADDRESS = [
  EMAIL,
  /\d{5,}/,
  /^(dear|re:|subject:|tel|phone|mobile|email|date)\b/i,
  /\b\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{4}\b/i,
  /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/,
];
