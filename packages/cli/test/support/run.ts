/** Running `inbox …` in-process, keeping what it wrote. */
import type { Io } from '../../src/cli.js';
import { main } from '../../src/main.js';

/** Runs `inbox …` in-process and keeps what it wrote. */
export async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
    env: {},
  };
  const status = await main(argv, io);
  return { status, stdout, stderr };
}
