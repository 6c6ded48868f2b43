/** Raw emails for end-to-end tests, and ingesting one the way the SMTP server does. */
import { parseEmail } from '@housing-inbox/channels';
import { acceptDelivery, type IngestOutcome } from '@housing-inbox/core';
import type { LocalStack } from '@housing-inbox/local';

export interface RawEmail {
  /** The local part of the Message-ID: `<id@resident.example>`. */
  id: string;
  subject: string;
  body: string;
  from?: string;
  /** More header lines, e.g. In-Reply-To. */
  headers?: string[];
}

export function rawEmail({
  id,
  subject,
  body,
  from = '"Rosa Resident" <rosa.resident@resident.example>',
  headers = [],
}: RawEmail): string {
  return [
    `From: ${from}`,
    'To: contact@hightown.example',
    `Subject: ${subject}`,
    `Message-ID: <${id}@resident.example>`,
    ...headers,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
}

/** A raw email with files attached (base64), e.g. a photo or leaflet several residents send. */
export function rawEmailWithFile(
  email: RawEmail,
  ...files: { filename: string; contentType: string; bytes: Uint8Array }[]
): string {
  return [
    `From: ${email.from ?? '"Rosa Resident" <rosa.resident@resident.example>'}`,
    'To: contact@hightown.example',
    `Subject: ${email.subject}`,
    `Message-ID: <${email.id}@resident.example>`,
    ...(email.headers ?? []),
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    email.body,
    ...files.flatMap((file) => [
      '--b1',
      `Content-Type: ${file.contentType}; name="${file.filename}"`,
      `Content-Disposition: attachment; filename="${file.filename}"`,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(file.bytes).toString('base64'),
    ]),
    '--b1--',
    '',
  ].join('\r\n');
}

/** Ingests a raw email on the stack, received now by its clock; answers what became of it. */
export async function ingestEmail(stack: LocalStack, raw: string): Promise<IngestOutcome & { caseRef: string }> {
  const outcome = await acceptDelivery(stack.ingest, {
    channel: 'email',
    raw: new TextEncoder().encode(raw),
    contentType: 'message/rfc822',
    parse: (bytes) => parseEmail(bytes, { receivedAt: stack.clock.now().toISOString() }),
  });
  return outcome as IngestOutcome & { caseRef: string };
}
