/**
 * Residents' data rights on the local stack, as a manager: `inbox export`
 * (subject access: the contact's zip) and `inbox retention` (apply the
 * policy's retention period now). Both call the running stack's API with the
 * first seeded manager's token, so each act is on the audit trail as theirs.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { signLocalToken } from '@housing-inbox/api';
import { type Command, parseOptions, requireOption, UsageError } from '../cli.js';
import { callStack, httpUrl, readStackInfo, readStackSecret } from '../stack.js';

function managerToken(env: Record<string, string | undefined>): string {
  const manager = readStackInfo(env).officers.find((o) => o.role === 'manager' && o.active);
  if (!manager) throw new UsageError('the local stack has no active manager to act as');
  return signLocalToken(manager, readStackSecret(env));
}

const bearer = (env: Record<string, string | undefined>) => ({ authorization: `Bearer ${managerToken(env)}` });

/** The contact a resident's id, email address or phone number names. */
async function contactIdOf(env: Record<string, string | undefined>, given: string): Promise<string> {
  const field = given.includes('@') ? 'email' : /^[+\d][\d\s()-]{5,}$/.test(given) ? 'phone' : null;
  if (!field) return given;
  const query = new URLSearchParams({ [field]: given });
  const found = (await callStack(env, `/api/contacts?${query}`, { headers: bearer(env) })) as {
    items: { id: string }[];
  };
  const id = found.items[0]?.id;
  if (!id)
    throw new UsageError(`no contact has ${field === 'email' ? 'the email address' : 'the phone number'} ${given}`);
  return id;
}

export const exportContact: Command = {
  name: 'export',
  summary: 'subject access: everything held about one contact, as a zip (local stack, as a manager)',
  help: `Usage: inbox export --contact <id|email|phone> [--out file.zip]

Writes the subject access export of one contact: a zip with summary.txt (to
read), contact.json, and per case its record, messages (text and safe HTML),
timeline, department questions, notices sent and files (attachments and
letter scans). The export is recorded on the audit trail. Calls the running
local stack (npm start) as its first manager.

  --contact   the contact's id, email address or phone number (any UK format)
  --out       where to write it (default subject-access-<id>-<date>.zip here)
`,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { contact: { type: 'string' }, out: { type: 'string' } });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const id = await contactIdOf(io.env, requireOption(values, 'contact'));
    let res: Response;
    try {
      res = await fetch(`${httpUrl(io.env)}/api/contacts/${encodeURIComponent(id)}/export`, {
        headers: bearer(io.env),
      });
    } catch {
      throw new UsageError(`the local stack is not answering at ${httpUrl(io.env)}: is "npm start" running?`);
    }
    if (res.status === 404) throw new UsageError(`no contact ${id}`);
    if (!res.ok) throw new UsageError(`the stack refused the export: HTTP ${res.status}`);
    const name =
      /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `subject-access-${id}.zip`;
    const out = resolve(values.out ?? name);
    const bytes = new Uint8Array(await res.arrayBuffer());
    await writeFile(out, bytes);
    io.out(`${out} (${bytes.length} bytes)\n`);
    return 0;
  },
};

interface RetentionResult {
  dryRun: boolean;
  yearsAfterClosure: number;
  basis: string;
  erased: string[];
  held: string[];
  closedWithinPeriod: number;
  quarantineDeleted: number;
}

export const retention: Command = {
  name: 'retention',
  summary: 'apply the policy’s retention period now: erase closed cases past it (local stack, as a manager)',
  help: `Usage: inbox retention [--dry-run] [--json]

Erases the personal data of every closed case whose closure is older than the
policy's retention period (npx inbox policies shows it and its basis), by the
local stack's clock, except cases under a legal hold (on the case or its
contact), and deletes quarantined deliveries that arrived longer ago than the
period, with the files only they hold. The run is recorded on the audit trail. In the cloud a schedule runs
the same every day.

  --dry-run   list what is due, erase nothing
  --json      print the API's answer as JSON
`,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const result = (await callStack(io.env, '/api/retention', {
      method: 'POST',
      headers: { ...bearer(io.env), 'content-type': 'application/json' },
      body: JSON.stringify({ dryRun: Boolean(values['dry-run']) }),
    })) as RetentionResult;
    if (values.json) {
      io.out(`${JSON.stringify(result)}\n`);
      return 0;
    }
    const verb = result.dryRun ? 'Would erase' : 'Erased';
    io.out(`Retention: ${result.yearsAfterClosure} years after closure (${result.basis})\n`);
    io.out(`${verb} ${result.erased.length} case(s)${result.erased.length ? `: ${result.erased.join(', ')}` : ''}\n`);
    if (result.held.length) io.out(`Kept under a legal hold: ${result.held.join(', ')}\n`);
    io.out(`Closed within the period, kept: ${result.closedWithinPeriod}\n`);
    io.out(
      `Quarantined deliveries past the period ${result.dryRun ? 'due' : 'deleted'}: ${result.quarantineDeleted}\n`,
    );
    return 0;
  },
};
