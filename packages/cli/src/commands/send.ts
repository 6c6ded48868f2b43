import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type Command, type Io, parseOptions, requireOption, UsageError } from '../cli.js';
import { sendMail } from '../smtp.js';
import { callStack, readStackInfo } from '../stack.js';

const HELP = `Usage: inbox send <channel> [options]

Sends a contact to the running local stack, the way a resident would.

  inbox send email --from <address> [--name <name>] [--subject <text>] --text <text> [--in-reply-to <message-id>]
  inbox send email --file <message.eml>          a whole raw message, over SMTP
  inbox send sms --from <phone> --text <text>    as the two-way SMS JSON AWS delivers
  inbox send letter --file <scan.pdf|png|jpg>    as an uploaded letter scan
  inbox send webform --name <name> (--email <address> | --phone <phone>) --message <text>
                     [--category <id>] [--preferred-channel email|sms|letter|phone]
                     [--communication-needs <text>] [--address <text>] [--tenancy-ref <ref>]

Prints what became of it (the case reference, or why it was refused).
`;

const OPTIONS = {
  from: { type: 'string' },
  name: { type: 'string' },
  subject: { type: 'string' },
  text: { type: 'string' },
  'in-reply-to': { type: 'string' },
  file: { type: 'string' },
  email: { type: 'string' },
  phone: { type: 'string' },
  message: { type: 'string' },
  category: { type: 'string' },
  'preferred-channel': { type: 'string' },
  'communication-needs': { type: 'string' },
  address: { type: 'string' },
  'tenancy-ref': { type: 'string' },
  to: { type: 'string' },
} as const;

type Values = Partial<Record<keyof typeof OPTIONS, string>>;

async function readInput(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch {
    throw new UsageError(`cannot read ${path}`);
  }
}

function headerSafe(value: string, option: string): string {
  if (/[\r\n]/.test(value)) throw new UsageError(`--${option} must be on one line`);
  return value;
}

async function sendEmail(values: Values, io: Io): Promise<unknown> {
  const info = readStackInfo(io.env);
  const port = io.env.INBOX_SMTP_PORT ? Number(io.env.INBOX_SMTP_PORT) : info.smtpPort;
  const to = values.to ?? `contact@${info.policy}.example`;
  if (values.file) {
    const raw = (await readInput(values.file)).toString('utf8');
    const from = /^From:.*?<?([^<>\s]+@[^<>\s]+)>?\s*$/im.exec(raw)?.[1] ?? values.from ?? 'unknown@resident.example';
    return { smtp: await sendMail(port, from, [to], raw) };
  }
  const from = headerSafe(requireOption(values, 'from'), 'from');
  const text = requireOption(values, 'text');
  const messageId = `<${randomUUID()}@inbox-cli.localhost>`;
  const headers = [
    `From: ${values.name ? `"${headerSafe(values.name, 'name').replace(/"/g, '')}" ` : ''}<${from}>`,
    `To: <${to}>`,
    `Subject: ${headerSafe(values.subject ?? '(no subject)', 'subject')}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: ${messageId}`,
    ...(values['in-reply-to']
      ? [`In-Reply-To: ${headerSafe(values['in-reply-to'], 'in-reply-to')}`, `References: ${values['in-reply-to']}`]
      : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  return { messageId, smtp: await sendMail(port, from, [to], `${headers.join('\r\n')}\r\n\r\n${text}\r\n`) };
}

export const send: Command = {
  name: 'send',
  summary: 'send an email, text, letter or web form to the local stack',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, OPTIONS);
    if (values.help || positionals.length === 0) {
      io.out(HELP);
      return values.help ? 0 : 2;
    }
    const [channel, extra] = positionals;
    if (extra) throw new UsageError(`unexpected argument "${extra}"`);
    const v = values as Values;
    let result: unknown;
    switch (channel) {
      case 'email':
        result = await sendEmail(v, io);
        break;
      case 'sms':
        result = await callStack(io.env, '/local/sms', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            originationNumber: requireOption(v, 'from'),
            destinationNumber: v.to ?? '+447700900000',
            messageKeyword: 'KEYWORD',
            messageBody: requireOption(v, 'text'),
            inboundMessageId: randomUUID(),
          }),
        });
        break;
      case 'letter': {
        const path = requireOption(v, 'file');
        const form = new FormData();
        form.set('file', new Blob([await readInput(path)]), basename(path));
        result = await callStack(io.env, '/local/letters', { method: 'POST', body: form });
        break;
      }
      case 'webform': {
        const fields = {
          name: v.name,
          email: v.email,
          phone: v.phone,
          message: v.message,
          category: v.category,
          preferredChannel: v['preferred-channel'],
          communicationNeeds: v['communication-needs'],
          address: v.address,
          tenancyRef: v['tenancy-ref'],
        };
        result = await callStack(io.env, '/contact', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(fields),
        });
        break;
      }
      default:
        throw new UsageError(`unknown channel "${channel}" (channels: email, sms, letter, webform)`);
    }
    io.out(`${JSON.stringify(result)}\n`);
    return 0;
  },
};
