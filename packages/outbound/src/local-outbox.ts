/**
 * The local stack's senders: nothing leaves the machine. Every email, text and
 * letter is appended to `<dir>/outbox.jsonl` (one JSON object a line, so it
 * survives restarts and a crash mid-write loses at most the line being
 * written), letters are rendered to `<dir>/letters/<id>.pdf`, and `list()`
 * gives what `GET /local/outbox` shows. `failNext` makes sends fail on demand,
 * for testing the caller's retries and failure records.
 */
import { appendFile, mkdir, readFile, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type BlobStore,
  type Clock,
  isHeaderSafeMessageId,
  type LetterPrinter,
  type Mailer,
  type NoticePurpose,
  type OutboundChannel,
  type OutboundEmail,
  type OutboundLetter,
  type OutboundPorts,
  type OutboundSms,
  type SendReceipt,
  type SmsSender,
  systemClock,
} from '@housing-inbox/core';
import { checkEmail, checkLetter, checkSms, OutboundSendError } from './checks.js';
import { emailSubject } from './email-format.js';
import { type LetterLandlord, renderLetterPdf } from './letter-pdf.js';
import { outgoingLetterKey } from './s3-letter-printer.js';

/** One sent item, as `GET /local/outbox` lists it (CONTRACTS.md), with a few extras. */
export interface OutboxItem {
  id: string;
  channel: OutboundChannel;
  /** Email address, E.164 number, or postal address. */
  to: string;
  subject: string;
  body: string;
  caseRef: string;
  purpose: NoticePurpose;
  sentAt: string;
  providerMessageId: string;
  /** Email: our Message-ID and the thread it answers. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** Letter: who it is addressed to, whether in large print, and the PDF (relative to the outbox folder). */
  recipientName?: string;
  largePrint?: boolean;
  pdfPath?: string;
  blobKey?: string;
}

export interface LocalOutboxOptions {
  /** The letterhead on rendered letters. */
  landlord?: LetterLandlord;
  /**
   * Also put each letter's PDF here (under `letters/outgoing/YYYY-MM-DD/<id>.pdf`)
   * and return that key as the blob key, so the case's attachment opens from
   * the same store as every other. Without it the blob key is `letters/<id>.pdf`,
   * relative to the outbox folder.
   */
  blobs?: BlobStore;
}

const PLACEHOLDER_LANDLORD: LetterLandlord = {
  name: 'Housing Inbox (local stack)',
  addressLines: ['This letter was kept in the local outbox', 'and not posted'],
};

type FailureTarget = OutboundChannel | 'any';

export class LocalOutbox implements OutboundPorts {
  readonly dir: string;
  readonly file: string;
  readonly mailer: Mailer;
  readonly sms: SmsSender;
  readonly letters: LetterPrinter;
  readonly #clock: Clock;
  readonly #options: LocalOutboxOptions;
  readonly #failures = new Map<FailureTarget, { remaining: number; reason: string }>();
  #ready?: Promise<void>;
  #writes: Promise<unknown> = Promise.resolve();

  constructor(dir: string, clock: Clock = systemClock, options: LocalOutboxOptions = {}) {
    this.dir = dir;
    this.file = join(dir, 'outbox.jsonl');
    this.#clock = clock;
    this.#options = options;
    this.mailer = { sendEmail: (message) => this.#sendEmail(message) };
    this.sms = { sendSms: (message) => this.#sendSms(message) };
    this.letters = { queueLetter: (message) => this.#queueLetter(message) };
  }

  /**
   * Make the next `times` sends on `channel` (or on any channel) throw, as a
   * provider outage would, without recording anything. Counts add up; a
   * failure for the channel is used before one for 'any'.
   */
  failNext(channel: FailureTarget, times = 1, reason = 'failing on purpose (LocalOutbox.failNext)'): void {
    const current = this.#failures.get(channel)?.remaining ?? 0;
    this.#failures.set(channel, { remaining: current + Math.max(0, times), reason });
  }

  /** Forget every failure still to come. */
  clearFailures(): void {
    this.#failures.clear();
  }

  /** Everything sent, oldest first. A line cut short by a crash is skipped. */
  async list(): Promise<OutboxItem[]> {
    await this.#writes;
    return this.#read();
  }

  async #read(): Promise<OutboxItem[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const items: OutboxItem[] = [];
    for (const line of text.split('\n')) {
      const item = parseLine(line);
      if (item) items.push(item);
    }
    return items;
  }

  /**
   * Erasure: every item for these cases keeps its id, channel, purpose and time;
   * its recipient, subject and body become `replacement`, and a letter's PDF is
   * deleted. The file is rewritten through a temporary file, queued behind
   * appends so none is lost. Returns how many items were changed.
   */
  async redact(caseRefs: readonly string[], replacement: string): Promise<number> {
    const refs = new Set(caseRefs);
    let changed = 0;
    const write = this.#writes.then(async () => {
      const items = await this.#read();
      const kept = items.map((item) => {
        if (!refs.has(item.caseRef) || item.body === replacement) return item;
        changed++;
        const { recipientName: _name, ...rest } = item;
        return { ...rest, to: replacement, subject: replacement, body: replacement };
      });
      if (changed === 0) return;
      for (const item of items) {
        if (refs.has(item.caseRef) && item.pdfPath) await rm(join(this.dir, item.pdfPath), { force: true });
      }
      const tmp = `${this.file}.${process.pid}.tmp`;
      await writeFile(tmp, kept.map((i) => `${JSON.stringify(i)}\n`).join(''), 'utf8');
      await rename(tmp, this.file);
    });
    this.#writes = write.catch(() => undefined);
    await write;
    return changed;
  }

  /** A letter's PDF, by the letter's id. */
  async letterPdf(id: string): Promise<Uint8Array | undefined> {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) return undefined;
    try {
      return new Uint8Array(await readFile(join(this.dir, 'letters', `${id}.pdf`)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async #sendEmail(message: OutboundEmail): Promise<SendReceipt> {
    this.#failIfAsked('email', message);
    checkEmail(message);
    const providerMessageId = `local-email-${message.id}`;
    await this.#record({
      ...this.#base(message, 'email', providerMessageId),
      to: message.to,
      subject: emailSubject(message),
      messageId: message.messageId,
      // What the cloud would put in the headers: a thread id unsafe in a header is left out.
      ...(message.inReplyTo && isHeaderSafeMessageId(message.inReplyTo) ? { inReplyTo: message.inReplyTo } : {}),
      ...(message.references?.some(isHeaderSafeMessageId)
        ? { references: message.references.filter(isHeaderSafeMessageId) }
        : {}),
    });
    return { providerMessageId, threadIds: [message.messageId] };
  }

  async #sendSms(message: OutboundSms): Promise<SendReceipt> {
    this.#failIfAsked('sms', message);
    checkSms(message);
    const providerMessageId = `local-sms-${message.id}`;
    await this.#record({ ...this.#base(message, 'sms', providerMessageId), to: message.to });
    return { providerMessageId };
  }

  async #queueLetter(message: OutboundLetter): Promise<SendReceipt> {
    this.#failIfAsked('letter', message);
    checkLetter(message);
    const now = this.#clock.now();
    const pdf = await renderLetterPdf(message, this.#options.landlord ?? PLACEHOLDER_LANDLORD, now);
    const pdfPath = `letters/${message.id}.pdf`;
    await this.#prepare();
    await mkdir(join(this.dir, 'letters'), { recursive: true });
    const file = join(this.dir, pdfPath);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, pdf);
    await rename(tmp, file);
    let blobKey = pdfPath;
    if (this.#options.blobs) {
      blobKey = outgoingLetterKey('letters/outgoing', message.id, now);
      await this.#options.blobs.put(blobKey, pdf, 'application/pdf');
    }
    await this.#record({
      ...this.#base(message, 'letter', pdfPath, now),
      to: message.to.address,
      ...(message.to.name ? { recipientName: message.to.name } : {}),
      largePrint: message.largePrint,
      pdfPath,
      blobKey,
    });
    return { providerMessageId: pdfPath, blobKey };
  }

  #base(
    message: OutboundEmail | OutboundSms | OutboundLetter,
    channel: OutboundChannel,
    providerMessageId: string,
    now = this.#clock.now(),
  ): Omit<OutboxItem, 'to'> {
    return {
      id: message.id,
      channel,
      subject: message.subject,
      body: message.body,
      caseRef: message.caseRef,
      purpose: message.purpose,
      sentAt: now.toISOString(),
      providerMessageId,
    };
  }

  #failIfAsked(channel: OutboundChannel, message: { id: string; caseRef: string }): void {
    for (const target of [channel, 'any'] as const) {
      const failure = this.#failures.get(target);
      if (!failure || failure.remaining <= 0) continue;
      failure.remaining--;
      if (failure.remaining === 0) this.#failures.delete(target);
      throw new OutboundSendError(
        channel,
        `local outbox did not send ${channel} ${message.id} for case ${message.caseRef}: ${failure.reason}`,
      );
    }
  }

  /** Appends one line; writes are queued so lines never interleave. */
  #record(item: OutboxItem): Promise<void> {
    const write = this.#writes.then(async () => {
      await this.#prepare();
      await appendFile(this.file, `${JSON.stringify(item)}\n`, 'utf8');
    });
    this.#writes = write.catch(() => undefined);
    return write;
  }

  /** Creates the folder and, if the last write was cut short, mends the file's end before appending to it. */
  #prepare(): Promise<void> {
    this.#ready ??= (async () => {
      await mkdir(this.dir, { recursive: true });
      let text: string;
      try {
        text = await readFile(this.file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw err;
      }
      if (text.length === 0 || text.endsWith('\n')) return;
      const lastBreak = text.lastIndexOf('\n');
      if (parseLine(text.slice(lastBreak + 1))) {
        await appendFile(this.file, '\n', 'utf8');
      } else {
        await truncate(this.file, Buffer.byteLength(text.slice(0, lastBreak + 1), 'utf8'));
      }
    })().catch((err) => {
      this.#ready = undefined;
      throw err;
    });
    return this.#ready;
  }
}

function parseLine(line: string): OutboxItem | undefined {
  if (!line.trim()) return undefined;
  try {
    const item = JSON.parse(line) as OutboxItem;
    return item && typeof item === 'object' && typeof item.id === 'string' ? item : undefined;
  } catch {
    return undefined;
  }
}
