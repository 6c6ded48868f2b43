/** Just enough SMTP to hand one message to the local stack (EHLO, MAIL, RCPT, DATA). */
import { connect } from 'node:net';

export async function sendMail(port: number, from: string, to: string[], raw: string): Promise<string> {
  const socket = connect({ host: '127.0.0.1', port });
  socket.setEncoding('utf8');
  let buffer = '';
  const waiters: ((line: string) => void)[] = [];
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    // A reply is complete at a line "NNN text" (a hyphen after the code means more lines follow).
    for (;;) {
      const m = /^(\d{3}) .*\r?\n/m.exec(buffer);
      if (!m) break;
      const end = (m.index ?? 0) + m[0].length;
      const reply = buffer.slice(0, end);
      buffer = buffer.slice(end);
      waiters.shift()?.(reply);
    }
  });
  const reply = () =>
    new Promise<string>((resolve, reject) => {
      waiters.push(resolve);
      socket.once('error', reject);
    });
  const expect = async (code: string, command?: string) => {
    const pending = reply();
    if (command !== undefined) socket.write(`${command}\r\n`);
    const text = await pending;
    if (!text.startsWith(code)) throw new Error(`SMTP server said: ${text.trim()}`);
    return text.trim();
  };
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    await expect('220');
    await expect('250', 'EHLO inbox-cli.localhost');
    await expect('250', `MAIL FROM:<${from}>`);
    for (const r of to) await expect('250', `RCPT TO:<${r}>`);
    await expect('354', 'DATA');
    const body = raw.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    return await expect('250', `${body}${body.endsWith('\r\n') ? '' : '\r\n'}.`);
  } finally {
    socket.end('QUIT\r\n');
  }
}
