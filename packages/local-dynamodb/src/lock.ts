import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Data directories held by this process (a second open from the same process must fail too). */
const heldHere = new Set<string>();

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * LevelDB allows one opener per directory, and dynalite hangs rather than fail
 * when it is not that one. So the data directory is claimed first with a lock
 * file naming the owning process; a lock left by a process that no longer runs
 * is taken over.
 */
export async function lockDataDir(root: string): Promise<() => Promise<void>> {
  const file = join(root, 'local-dynamodb.lock');
  const refuse = (owner: string): Error =>
    new Error(`cannot open the local DynamoDB data in ${root}: it is in use by ${owner}`);
  if (heldHere.has(root)) throw refuse('this process');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      heldHere.add(root);
      return async () => {
        heldHere.delete(root);
        await rm(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) throw refuse(`process ${owner}`);
    await rm(file, { force: true }); // stale: its owner is gone
  }
  throw refuse('another process');
}
