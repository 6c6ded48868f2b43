/**
 * The letters drop folder: a scan saved into `letters/inbox/` is ingested like
 * an upload, then moved to `letters/done/` (or `letters/quarantined/` when it
 * could not be read; it is in quarantine with its reason either way). A file
 * whose ingest keeps failing (OCR down, a disk that refuses) is tried again
 * later, less and less often, and after `maxTries` it is moved to
 * `letters/quarantined/` and put in quarantine with the last reason: never
 * retried every second for ever.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { IngestOutcome } from '@housing-inbox/core';
import type { Logger } from './log.js';

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

export interface LetterDropOptions {
  /** How many failed tries before a file is given up on (default 3). */
  maxTries?: number;
  /** Keeps a file given up on in quarantine with the reason (the stack stores it like any delivery). */
  giveUp?: (file: Uint8Array, filename: string, reason: string) => Promise<void>;
  now?: () => number;
}

interface Failures {
  tries: number;
  nextAt: number;
  reason: string;
}

export class LetterDropFolder {
  readonly inbox: string;
  #timer?: NodeJS.Timeout;
  #running?: Promise<void>;
  #stopped = false;
  readonly #failures = new Map<string, Failures>();
  readonly #maxTries: number;
  readonly #giveUp?: LetterDropOptions['giveUp'];
  readonly #now: () => number;

  constructor(
    readonly root: string,
    readonly ingest: (file: Uint8Array, filename: string, contentType?: string) => Promise<IngestOutcome>,
    readonly log: Logger,
    readonly pollMs: number,
    options: LetterDropOptions = {},
  ) {
    this.inbox = join(root, 'inbox');
    this.#maxTries = Math.max(1, options.maxTries ?? 3);
    this.#giveUp = options.giveUp;
    this.#now = options.now ?? Date.now;
  }

  async start(): Promise<void> {
    for (const dir of ['inbox', 'done', 'quarantined']) await mkdir(join(this.root, dir), { recursive: true });
    this.#schedule(0);
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.scan().finally(() => this.#schedule(this.pollMs));
    }, ms);
    this.#timer.unref();
  }

  /** Ingests every complete file in the inbox once (a failing one only when its next try is due). */
  async scan(): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(this.inbox)).filter(
        (n) => !n.startsWith('.') && !n.endsWith('.tmp') && !n.endsWith('.part'),
      );
    } catch {
      return;
    }
    for (const name of names.sort()) {
      if (this.#stopped) return;
      const path = join(this.inbox, name);
      let file: Uint8Array | undefined;
      try {
        const before = await stat(path);
        if (!before.isFile()) continue;
        // A file still being copied in changes size: leave it for the next look.
        if (Date.now() - before.mtimeMs < 500) continue;
        const failed = this.#failures.get(name);
        if (failed && this.#now() < failed.nextAt) continue;
        file = new Uint8Array(await readFile(path));
        const ext = name.split('.').pop()?.toLowerCase() ?? '';
        const outcome = await this.ingest(file, name, CONTENT_TYPES[ext]);
        await this.#move(path, name, outcome.outcome === 'quarantined' ? 'quarantined' : 'done');
        this.#failures.delete(name);
        this.log.info('letter-ingested', {
          outcome: outcome.outcome,
          caseRef: 'caseRef' in outcome ? outcome.caseRef : undefined,
        });
      } catch (err) {
        await this.#failed(path, name, file, (err as Error)?.message ?? String(err));
      }
    }
  }

  async #failed(path: string, name: string, file: Uint8Array | undefined, reason: string): Promise<void> {
    const tries = (this.#failures.get(name)?.tries ?? 0) + 1;
    this.log.error('letter-ingest-failed', { tries, error: reason });
    if (tries < this.#maxTries) {
      // Later and later: one poll, then two, four…
      this.#failures.set(name, { tries, reason, nextAt: this.#now() + this.pollMs * 2 ** tries });
      return;
    }
    try {
      if (file && this.#giveUp) await this.#giveUp(file, name, `gave up after ${tries} tries: ${reason}`);
      await this.#move(path, name, 'quarantined');
      this.#failures.delete(name);
      this.log.error('letter-quarantined', { tries });
    } catch (err) {
      this.#failures.set(name, { tries, reason, nextAt: this.#now() + this.pollMs * 2 ** tries });
      this.log.error('letter-quarantine-failed', { error: (err as Error)?.message });
    }
  }

  /**
   * Moved under a name of our own — the time, a hash of the original name and a tame
   * tail of it — so a long or odd name cannot make the move fail (the original name is
   * kept on the message).
   */
  async #move(path: string, name: string, target: 'done' | 'quarantined'): Promise<void> {
    const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
    const tail = name.replace(/[^\w.-]+/g, '_').slice(-60);
    await rename(path, join(this.root, target, `${new Date().toISOString().replace(/[:.]/g, '-')}-${hash}-${tail}`));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }
}
