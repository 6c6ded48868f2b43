import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { presets } from '@housing-inbox/policies';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './support/run.js';
import { titled } from './support/titled.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/inbox.js');
const CONTRACT_KEYS = ['policy', 'kind', 'received', 'clockStarts', 'acknowledgeBy', 'respondBy'];

interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real bin, as `npx inbox` does, in a child process. */
function spawnInbox(args: string[], env: Record<string, string> = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      timeout: 20_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const deadlines = (policy: string, kind: string, received: string, ...more: string[]) =>
  run('deadlines', '--policy', policy, '--kind', kind, '--received', received, ...more);

describe('inbox deadlines', () => {
  it('answers the contract example with exactly the contract JSON', async () => {
    // Act
    const { status, stdout, stderr } = await deadlines('hightown', 'email', '2026-12-23T10:00:00.000Z');

    // Assess
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(
      '{"policy":"hightown","kind":"email","received":"2026-12-23T10:00:00.000Z","clockStarts":"2026-12-23","acknowledgeBy":null,"respondBy":"2027-01-11"}\n',
    );
  });

  it('takes a policy from a .json file', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'housing-inbox-cli-'));
    const file = join(dir, 'closing.json');
    writeFileSync(
      file,
      JSON.stringify({ ...presets.hightown, id: 'closing', closureDays: [{ date: '2026-06-09', reason: 'training' }] }),
    );

    // Act
    const { status, stdout } = await deadlines(file, 'phone-message', '2026-06-08T10:00:00Z');
    rmSync(dir, { recursive: true, force: true });

    // Assess
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ policy: 'closing', respondBy: '2026-06-11' });
  });
});

describe('inbox policies', () => {
  it('shows both landlords and their targets as a table', async () => {
    // Act
    const { status, stdout, stderr } = await run('policies');

    // Assess
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Hightown [hightown]');
    expect(stdout).toContain('Blairtummock Housing Association [blairtummock]');
    expect(stdout).toContain('England and Wales');
    expect(stdout).toContain('Scotland');
    expect(stdout).toMatch(/complaint-stage-1\s+5 working days\s+10 working days from ack\./);
    expect(stdout).toMatch(/phone-message\s+—\s+same working day/);
    expect(stdout).toMatch(/repair-emergency\s+—\s+24 hours/);
    expect(stdout).toMatch(/repair-programmed\s+—\s+30 working days/);
  });

  it('--policy shows one landlord', async () => {
    // Act
    const { status, stdout } = await run('policies', '--policy', 'blairtummock');

    // Assess
    expect(status).toBe(0);
    expect(stdout).toContain('[blairtummock]');
    expect(stdout).not.toContain('[hightown]');
  });

  it('--json prints the validated policies', async () => {
    // Act
    const { status, stdout } = await run('policies', '--json');

    // Assess
    expect(status).toBe(0);
    const printed = JSON.parse(stdout) as { id: string }[];
    expect(printed.map((p) => p.id)).toEqual(['hightown', 'blairtummock']);
  });
});

describe('bad input: exit 2 and one line on stderr naming the problem', () => {
  let dir: string;
  let brokenPolicy: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'housing-inbox-cli-'));
    brokenPolicy = join(dir, 'broken.json');
    writeFileSync(brokenPolicy, '{"id": ');
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const RECEIVED = '2026-12-23T10:00:00Z';
  it.each(
    titled(
      [
        {
          label: 'unknown kind',
          argv: ['deadlines', '--policy', 'hightown', '--kind', 'fax', '--received', RECEIVED],
          problem: /unknown kind "fax" \(kinds: phone-message, email, /,
        },
        {
          label: 'unknown policy',
          argv: ['deadlines', '--policy', 'lowtown', '--kind', 'email', '--received', RECEIVED],
          problem: /unknown policy "lowtown" \(presets: hightown, blairtummock\)/,
        },
        {
          label: 'missing --received',
          argv: ['deadlines', '--policy', 'hightown', '--kind', 'email'],
          problem: /--received is required/,
        },
        {
          label: 'missing --policy',
          argv: ['deadlines', '--kind', 'email', '--received', RECEIVED],
          problem: /--policy is required/,
        },
        {
          label: 'missing --kind',
          argv: ['deadlines', '--policy', 'hightown', '--received', RECEIVED],
          problem: /--kind is required/,
        },
        {
          label: '--received with no value',
          argv: ['deadlines', '--policy', 'hightown', '--kind', 'email', '--received'],
          problem: /--received/,
        },
        {
          label: 'malformed instant',
          argv: ['deadlines', '--policy', 'hightown', '--kind', 'email', '--received', 'last tuesday'],
          problem: /--received must be an ISO-8601 instant .*"last tuesday"/,
        },
        {
          label: 'an instant without a time zone',
          argv: ['deadlines', '--policy', 'hightown', '--kind', 'email', '--received', '2026-12-23T10:00:00'],
          problem: /--received must be an ISO-8601 instant with a time zone/,
        },
        {
          label: 'a date alone',
          argv: ['deadlines', '--policy', 'hightown', '--kind', 'email', '--received', '2026-12-23'],
          problem: /--received must be an ISO-8601 instant/,
        },
        {
          label: 'a day that does not exist (30 February)',
          argv: ['deadlines', '--policy', 'hightown', '--kind', 'email', '--received', '2026-02-30T10:00:00Z'],
          problem: /--received .*"2026-02-30T10:00:00Z"/,
        },
        {
          label: 'a day that does not exist (29 February 2027)',
          argv: ['deadlines', '--policy', 'hightown', '--kind', 'email', '--received', '2027-02-29T10:00:00Z'],
          problem: /--received is not a real date and time: "2027-02-29T10:00:00Z"/,
        },
        {
          label: 'midnight written as 24:00',
          argv: ['deadlines', '--policy', 'hightown', '--kind', 'email', '--received', '2026-12-23T24:00:00Z'],
          problem: /--received is not a real date and time: "2026-12-23T24:00:00Z"/,
        },
        {
          label: 'an offset that does not exist (+25:00)',
          argv: ['deadlines', '--policy', 'hightown', '--kind', 'email', '--received', '2026-12-23T10:00:00+25:00'],
          problem: /--received is not a real date and time/,
        },
        {
          label: 'an hour that does not exist (25:00)',
          argv: ['deadlines', '--policy', 'hightown', '--kind', 'email', '--received', '2026-12-23T25:00:00Z'],
          problem: /--received .*"2026-12-23T25:00:00Z"/,
        },
        {
          label: 'a malformed --acknowledged',
          argv: [
            'deadlines',
            '--policy',
            'hightown',
            '--kind',
            'complaint-stage-1',
            '--received',
            RECEIVED,
            '--acknowledged',
            'soon',
          ],
          problem: /--acknowledged must be an ISO-8601 instant/,
        },
        {
          label: 'an acknowledgement before the receipt',
          argv: [
            'deadlines',
            '--policy',
            'hightown',
            '--kind',
            'complaint-stage-1',
            '--received',
            RECEIVED,
            '--acknowledged',
            '2026-12-22T10:00:00Z',
          ],
          problem: /--acknowledged is earlier than --received/,
        },
        {
          label: 'a kind hightown sets no target for (repair-urgent)',
          argv: ['deadlines', '--policy', 'hightown', '--kind', 'repair-urgent', '--received', RECEIVED],
          problem: /policy "hightown" sets no target for kind "repair-urgent"/,
        },
        {
          label: 'a kind hightown sets no target for (repair-emergency)',
          argv: ['deadlines', '--policy', 'hightown', '--kind', 'repair-emergency', '--received', RECEIVED],
          problem: /policy "hightown" sets no target for kind "repair-emergency"/,
        },
        {
          label: 'unknown option',
          argv: ['deadlines', '--policy', 'hightown', '--kind', 'email', '--received', RECEIVED, '--urgent'],
          problem: /Unknown option '--urgent'/,
        },
        {
          label: 'a stray argument',
          argv: ['deadlines', 'hightown', '--kind', 'email', '--received', RECEIVED],
          problem: /unexpected argument "hightown"/,
        },
        {
          label: 'unknown command',
          argv: ['deadline'],
          problem:
            /unknown command "deadline" \(commands: deadlines, policies, token, send, clock, quarantine, report, calls, export, retention, replay, reindex\)/,
        },
        {
          label: 'policies: unknown policy',
          argv: ['policies', '--policy', 'lowtown'],
          problem: /unknown policy "lowtown"/,
        },
        { label: 'policies: unknown option', argv: ['policies', '--yaml'], problem: /Unknown option '--yaml'/ },
      ],
      '$label',
    ),
  )('%s', async (_title, { argv, problem }) => {
    // Act
    const { status, stdout, stderr } = await run(...argv);

    // Assess
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^inbox: [^\n]+\n$/);
    expect(stderr).toMatch(problem);
    expect(stderr).not.toMatch(/\bat .*:\d+:\d+/);
  });

  it('a broken policy file names the file', async () => {
    // Act
    const { status, stderr } = await deadlines(brokenPolicy, 'email', RECEIVED);

    // Assess
    expect(status).toBe(2);
    expect(stderr).toMatch(/^inbox: cannot read policy file .*broken\.json: [^\n]+\n$/);
  });
});

describe('--help', () => {
  it.each(
    titled(
      [
        { label: 'inbox', argv: [], shows: /Usage: inbox <command>/ },
        { label: 'inbox --help', argv: ['--help'], shows: /Usage: inbox <command>/ },
        { label: 'inbox -h', argv: ['-h'], shows: /Usage: inbox <command>/ },
        { label: 'inbox help deadlines', argv: ['help', 'deadlines'], shows: /Usage: inbox deadlines/ },
        { label: 'inbox deadlines --help', argv: ['deadlines', '--help'], shows: /Usage: inbox deadlines/ },
        { label: 'inbox deadlines -h', argv: ['deadlines', '-h'], shows: /Usage: inbox deadlines/ },
        {
          label: 'inbox deadlines --help with other options',
          argv: ['deadlines', '--policy', 'hightown', '--help'],
          shows: /Usage: inbox deadlines/,
        },
        { label: 'inbox policies --help', argv: ['policies', '--help'], shows: /Usage: inbox policies/ },
      ],
      '$label exits 0 and prints usage',
    ),
  )('%s', async (_title, { argv, shows }) => {
    // Act
    const { status, stdout, stderr } = await run(...argv);

    // Assess
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(shows);
  });

  it('the main usage lists every command', async () => {
    const { stdout } = await run('--help');
    expect(stdout).toMatch(/^\s+deadlines\s+\S/m);
    expect(stdout).toMatch(/^\s+policies\s+\S/m);
  });
});

describe('the installed bin (what `npx inbox` runs)', () => {
  // Each child pays tsx's start-up, so all three run side by side.
  let contract: Finished;
  let table: Finished;
  let refused: Finished;
  beforeAll(async () => {
    [contract, table, refused] = await Promise.all([
      spawnInbox(['deadlines', '--policy', 'hightown', '--kind', 'email', '--received', '2026-12-23T10:00:00.000Z'], {
        TZ: 'Pacific/Auckland',
      }),
      spawnInbox(['policies']),
      spawnInbox([
        'deadlines',
        '--policy',
        'hightown',
        '--kind',
        'repair-urgent',
        '--received',
        '2026-12-23T10:00:00Z',
      ]),
    ]);
  });

  it('is the `inbox` bin of the cli workspace, linked into node_modules/.bin', () => {
    // Prepare
    const pkg = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };

    // Assess
    expect(pkg.bin.inbox).toBe('./bin/inbox.js');
    expect(realpathSync(join(ROOT, 'node_modules/.bin/inbox'))).toBe(realpathSync(BIN));
  });

  it('deadlines prints exactly the contract keys in order, whatever the machine time zone', () => {
    // Assess: `inbox deadlines --policy hightown --kind email --received 2026-12-23T10:00:00.000Z` under TZ=Pacific/Auckland
    const { status, stdout, stderr } = contract;
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const printed = JSON.parse(stdout);
    expect(Object.keys(printed)).toEqual(CONTRACT_KEYS);
    expect(printed).toEqual({
      policy: 'hightown',
      kind: 'email',
      received: '2026-12-23T10:00:00.000Z',
      clockStarts: '2026-12-23',
      acknowledgeBy: null,
      respondBy: '2027-01-11',
    });
  });

  it('policies shows both landlords', () => {
    // Assess
    const { status, stdout } = table;
    expect(status).toBe(0);
    expect(stdout).toContain('Hightown [hightown]');
    expect(stdout).toContain('Blairtummock Housing Association [blairtummock]');
  });

  it('bad input sets exit status 2 with one line on stderr and no stack trace', () => {
    // Assess: `inbox deadlines --policy hightown --kind repair-urgent …`
    const { status, stdout, stderr } = refused;
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('inbox: policy "hightown" sets no target for kind "repair-urgent"\n');
  });
});
