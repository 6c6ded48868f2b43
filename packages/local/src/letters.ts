/**
 * The letters drop folder: a scan saved into `letters/inbox/` is ingested like
 * an upload, then moved to `letters/done/` (or `letters/quarantined/` when it
 * could not be read; it is in quarantine with its reason either way).
 */
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

export class LetterDropFolder {
  readonly inbox: string;
  #timer?: NodeJS.Timeout;
  #running?: Promise<void>;
  #stopped = false;

  constructor(
    readonly root: string,
    readonly ingest: (file: Uint8Array, filename: string, contentType?: string) => Promise<IngestOutcome>,
    readonly log: Logger,
    readonly pollMs: number,
  ) {
    this.inbox = join(root, 'inbox');
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

  /** Ingests every complete file in the inbox once. */
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
      try {
        const before = await stat(path);
        if (!before.isFile()) continue;
        // A file still being copied in changes size: leave it for the next look.
        if (Date.now() - before.mtimeMs < 500) continue;
        const ext = name.split('.').pop()?.toLowerCase() ?? '';
        const outcome = await this.ingest(new Uint8Array(await readFile(path)), name, CONTENT_TYPES[ext]);
        const target = outcome.outcome === 'quarantined' ? 'quarantined' : 'done';
        await rename(path, join(this.root, target, `${new Date().toISOString().replace(/[:.]/g, '-')}-${name}`));
        this.log.info('letter-ingested', {
          outcome: outcome.outcome,
          caseRef: 'caseRef' in outcome ? outcome.caseRef : undefined,
        });
      } catch (err) {
        this.log.error('letter-ingest-failed', { error: (err as Error)?.message });
      }
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }
}
