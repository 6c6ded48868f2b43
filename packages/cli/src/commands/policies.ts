import { CASE_KINDS, type LandlordPolicy, type TargetRule } from '@housing-inbox/core';
import { presets } from '@housing-inbox/policies';
import { type Command, parseOptions, UsageError } from '../cli.js';
import { policyOrUsageError } from '../policy.js';

const NATIONS = { 'GB-ENG': 'England and Wales', 'GB-SCT': 'Scotland' } as const;
const REGULATORS = {
  'housing-ombudsman': 'Housing Ombudsman Complaint Handling Code',
  spso: 'SPSO Model Complaints Handling Procedure',
} as const;

function describeAcknowledge(rule: TargetRule): string {
  return rule.acknowledge ? `${rule.acknowledge.workingDays} working days` : '—';
}

function describeRespond(rule: TargetRule): string {
  const r = rule.respond;
  if ('hours' in r) return `${r.hours} hours`;
  if (r.workingDays === 0) return 'same working day';
  return `${r.workingDays} working days${r.from === 'acknowledgement' ? ' from ack.' : ''}`;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function describePolicy(policy: LandlordPolicy): string {
  const rows = [['kind', 'acknowledge', 'respond', 'basis']];
  for (const kind of CASE_KINDS) {
    const rule = policy.targets[kind];
    rows.push(
      rule ? [kind, describeAcknowledge(rule), describeRespond(rule), rule.basis] : [kind, '—', 'no target', ''],
    );
  }
  const extensions = Object.entries(policy.extensions).map(
    ([kind, e]) => `  ${kind}: up to ${e.maxWorkingDays} further working days (${e.basis})`,
  );
  const closures = policy.closureDays.map((c) => `${c.date} (${c.reason})`).join(', ') || 'none beyond bank holidays';
  return [
    `${policy.name} [${policy.id}]`,
    `  bank holidays: ${NATIONS[policy.bankHolidays]}; closure days: ${closures}`,
    `  office hours: ${policy.officeHours.opens}–${policy.officeHours.closes} ${policy.timeZone}; complaints: ${REGULATORS[policy.regulator]}`,
    `  case references: ${policy.caseReferencePrefix}-YYYY-NNNNNN`,
    '',
    table(rows)
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
    '',
    'Extensions:',
    ...(extensions.length ? extensions : ['  none']),
  ].join('\n');
}

export const policies: Command = {
  name: 'policies',
  summary: 'list the landlord policy presets and their targets',
  help: `Usage: inbox policies [--policy <preset>] [--json]

Shows each landlord preset: its nation's bank holidays, office hours, complaint
procedure, and the acknowledgement and response target for every kind of
contact, with where each figure comes from.

Options:
  --policy <preset>  show one preset (or a policy .json file) only
  --json             print the validated policies as JSON
  -h, --help         show this help
`,
  run(args, io) {
    const { values, positionals } = parseOptions(args, { policy: { type: 'string' }, json: { type: 'boolean' } });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const selected = values.policy ? [policyOrUsageError(values.policy)] : Object.values(presets);
    if (values.json) {
      io.out(`${JSON.stringify(selected, null, 2)}\n`);
    } else {
      io.out(`${selected.map(describePolicy).join('\n\n')}\n`);
    }
    return 0;
  },
};
