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

export async function smtpSend(
  port: number,
  raw: string,
  from = 'resident@resident.example',
  timeoutMs = 30_000,
): Promise<SmtpReply> {
  const socket = connect({ host: '127.0.0.1', port });
  socket.setEncoding('utf8');
  let buffer = '';
  const waiting: { resolve: (reply: SmtpReply) => void; reject: (err: Error) => void }[] = [];
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    // A reply ends with a line "ddd text" (a space, not a dash, after the code).
    for (let m = /(^|\r\n)(\d{3}) ([^\r\n]*)\r\n/.exec(buffer); m; m = /(^|\r\n)(\d{3}) ([^\r\n]*)\r\n/.exec(buffer)) {
      buffer = buffer.slice(m.index + m[0].length);
      waiting.shift()?.resolve({ code: Number(m[2]), text: m[3] as string });
    }
  });
  let dead: Error | undefined;
  const reply = () =>
    new Promise<SmtpReply>((resolve, reject) => (dead ? reject(dead) : waiting.push({ resolve, reject })));
  // A connection that drops (a server killed mid-message) fails whatever was waiting, at once.
  const fail = (err: Error) => {
    dead ??= err;
    for (const w of waiting.splice(0)) w.reject(err);
  };
  socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no SMTP reply within ${timeoutMs} ms`)));
  const command = async (line: string) => {
    const next = reply();
    socket.write(`${line}\r\n`);
    return next;
  };
  const closed = new Promise<void>((resolve) => {
    socket.once('error', (err) => fail(err));
    socket.once('close', () => {
      fail(new Error('the SMTP connection closed'));
      resolve();
    });
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
    socket.destroySoon?.();
    await Promise.race([closed, new Promise((r) => setTimeout(r, 1000))]);
  }
}
