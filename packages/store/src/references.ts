/**
 * Case reference numbers handed out from blocks each process reserves (issue 16): the year's
 * counter item (`keys.counter`) is moved by one atomic `UpdateItem ADD` per block, never inside a
 * new case's transaction, so new cases filed at once no longer conflict on one hot item.
 *
 * A process's first block is one number, then each block doubles up to `maxBlock`: a function
 * that files one case reserves one, a busy one a round trip per `maxBlock` cases. Numbers stay
 * unique (the counter only grows, and the case item is put only where none is) and yearly (a block
 * is per prefix and year). What it costs: numbers a process reserved and never used are skipped
 * (a gap when it stops or crashes: fewer than its last block, and never more than it had used
 * before), and references from two processes interleave, so they follow receipt only roughly.
 * A reference is an identifier residents quote, not a count: the regulator's and the monthly
 * figures count cases (the month index), never references.
 */

/** Reserves `count` numbers of the year's counter: returns the last of them. */
export type ReserveNumbers = (prefix: string, year: number, count: number) => Promise<number>;

interface Block {
  next: number;
  last: number;
  size: number;
  reserving?: Promise<void>;
}

export class ReferenceBlocks {
  readonly #blocks = new Map<string, Block>();

  constructor(
    private readonly reserve: ReserveNumbers,
    private readonly maxBlock = 32,
  ) {}

  /** The next number for `prefix` and `year` (1 … 9,999,999), reserving a block when this process has none left. */
  async next(prefix: string, year: number): Promise<number> {
    const key = `${prefix}#${year}`;
    let block = this.#blocks.get(key);
    if (!block) {
      block = { next: 1, last: 0, size: 0 };
      this.#blocks.set(key, block);
    }
    for (;;) {
      if (block.next <= block.last) return block.next++;
      if (!block.reserving) {
        const b = block;
        const size = Math.min(this.maxBlock, Math.max(1, b.size * 2));
        b.reserving = this.reserve(prefix, year, size)
          .then((last) => {
            b.next = last - size + 1;
            b.last = last;
            b.size = size;
          })
          .finally(() => {
            b.reserving = undefined;
          });
      }
      await block.reserving;
    }
  }
}
