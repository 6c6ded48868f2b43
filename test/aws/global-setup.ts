/**
 * Starts moto_server (Python moto, `pip install "moto[server]"`) on a free
 * 127.0.0.1 port for `npm run test:aws` and stops it afterwards. The tests get
 * its endpoint with `inject('motoEndpoint')`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    motoEndpoint: string;
  }
}

const MISSING = [
  'npm run test:aws needs moto_server (Python moto) to imitate AWS on this machine.',
  'Install it with:  python3 -m pip install "moto[server]"   (Python 3.9 or newer),',
  'or set MOTO_ENDPOINT to a moto server already listening on 127.0.0.1.',
].join('\n');

/** `moto_server` on PATH, else `python3 -m moto.server`. */
const COMMANDS: [string, string[]][] = [
  ['moto_server', []],
  ['python3', ['-m', 'moto.server']],
];

function start(command: string, prefix: string[]): Promise<{ child: ChildProcess; endpoint: string }> {
  return new Promise((resolve, reject) => {
    // Port 0: the system picks a free port; werkzeug prints it ("Running on http://127.0.0.1:PORT").
    const child = spawn(command, [...prefix, '-H', '127.0.0.1', '-p', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${command} did not say where it listens within 30 s:\n${output}`));
    }, 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const found = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stderr?.removeAllListeners('data');
        // Keep draining its request log so the pipe never fills.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ child, endpoint: found[1] });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}:\n${output}`));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.MOTO_ENDPOINT;
  if (given) {
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(given)) throw new Error('MOTO_ENDPOINT must be http://127.0.0.1:<port>');
    project.provide('motoEndpoint', given);
    return async () => {};
  }
  let failures = '';
  for (const [command, prefix] of COMMANDS) {
    try {
      const { child, endpoint } = await start(command, prefix);
      project.provide('motoEndpoint', endpoint);
      return async () => {
        if (child.exitCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      };
    } catch (err) {
      failures += `\n  ${command} ${prefix.join(' ')}: ${(err as Error).message.split('\n')[0]}`;
    }
  }
  throw new Error(`${MISSING}\nTried:${failures}`);
}
