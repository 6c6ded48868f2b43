import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

/** Writes `value` as pretty JSON to bench/results/`name`. */
export async function writeBenchResultFile(name: string, value: unknown): Promise<void> {
  await mkdir(RESULTS, { recursive: true });
  await writeFile(`${RESULTS}${name}`, `${JSON.stringify(value, null, 2)}\n`);
}
