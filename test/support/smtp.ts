/**
 * A small SMTP client for end-to-end tests: sends one message over a real
 * connection and answers the server's final reply to the message (e.g.
 * "250 accepted: created HT-2026-000001"), so a test can read what the stack said.
 */
import { connect } from 'node:net';

export interface SmtpReply {
  code: number;
  text: string;
}

export async function smtpSend(port: number, raw: string, from = 'resident@resident.example'): Promise<SmtpReply> {
  const socket = connect({ host: '127.0.0.1', port });
  socket.setEncoding('utf8');
  let buffer = '';
  const waiting: ((reply: SmtpReply) => void)[] = [];
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    // A reply ends with a line "ddd text" (a space, not a dash, after the code).
    for (let m = /(^|\r\n)(\d{3}) ([^\r\n]*)\r\n/.exec(buffer); m; m = /(^|\r\n)(\d{3}) ([^\r\n]*)\r\n/.exec(buffer)) {
      buffer = buffer.slice(m.index + m[0].length);
      waiting.shift()?.({ code: Number(m[2]), text: m[3] as string });
    }
  });
  const reply = () => new Promise<SmtpReply>((resolve) => waiting.push(resolve));
  const command = async (line: string) => {
    const next = reply();
    socket.write(`${line}\r\n`);
    return next;
  };
  const closed = new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('close', () => resolve());
  });
  try {
    await reply();
    await command('EHLO tests.example');
    await command(`MAIL FROM:<${from}>`);
    await command('RCPT TO:<contact@hightown.example>');
    await command('DATA');
    const body = raw.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    const done = reply();
    socket.write(`${body}${body.endsWith('\r\n') ? '' : '\r\n'}.\r\n`);
    const final = await done;
    await command('QUIT').catch(() => undefined);
    return final;
  } finally {
    socket.end();
    await closed.catch(() => undefined);
  }
}
