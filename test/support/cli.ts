import { main } from '@housing-inbox/cli';

/** What `inbox …` printed and its exit status. */
export interface CliRun {
  status: number;
  out: string;
  err: string;
}

/** `npx inbox <argv>` in-process against the local stack whose data folder is `dataDir`. */
export async function runCli(dataDir: string, ...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const status = await main(argv, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env: { INBOX_DATA_DIR: dataDir },
  });
  return { status, out, err };
}
