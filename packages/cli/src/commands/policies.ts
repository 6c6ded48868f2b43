import {
  CASE_KINDS,
  disclosureDeciders,
  type LandlordPolicy,
  privacyRulesOf,
  type TargetRule,
} from '@housing-inbox/core';
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

const MET_BY = {
  reply: '',
  'works-completed': ', met by the repair done',
  investigation: ', met by the investigation',
  'made-safe': ', met by making safe',
} as const;

function describeRespond(rule: TargetRule): string {
  const r = rule.respond;
  const metBy = MET_BY[rule.metBy ?? 'reply'];
  if ('hours' in r) return `${r.hours} hours${metBy}`;
  if (r.workingDays === 0) return `same working day${metBy}`;
  return `${r.workingDays} working days${r.from === 'acknowledgement' ? ' from ack.' : ''}${metBy}`;
}

/** The statutory duties beyond the targets: hazard milestones, complaint rules, where clocks start. */
function describeDuties(policy: LandlordPolicy): string[] {
  const lines: string[] = [];
  for (const [kind, rule] of Object.entries(policy.hazards)) {
    if (!rule) continue;
    lines.push(`  ${kind} (${rule.law}): ${rule.basis}`);
    lines.push(`    recognised by: ${rule.signs.map((s) => s.label).join('; ')}`);
    for (const m of rule.milestones) {
      const due = 'workingDays' in m.due ? `${m.due.workingDays} working days` : `${m.due.weeks} weeks`;
      const when = m.when === 'always' ? '' : ` (when ${m.when.replace(/-/g, ' ')})`;
      const best = m.bestEffort ? ', where possible' : '';
      lines.push(`    ${m.id}: ${m.promise} within ${due} of the investigation${when}${best} (${m.basis})`);
    }
    const move = rule.alternativeAccommodation;
    if (move) lines.push(`    alternative accommodation${move.required ? ' required' : ''}: ${move.basis}`);
  }
  const c = policy.complaints;
  const rule = (label: string, r: { basis: string }, on: boolean) => `  ${label}: ${on ? 'yes' : 'no'} (${r.basis})`;
  return [
    'Hazards:',
    ...(lines.length ? lines : ['  none']),
    '',
    'Complaints:',
    `  ombudsman: ${c.ombudsman.name}, ${c.ombudsman.contact} (${c.ombudsman.basis})`,
    rule('stage 2 by someone other than the stage 1 handler', c.independentStageTwo, c.independentStageTwo.required),
    rule('a complex complaint may start at stage 2', c.directToStageTwo, c.directToStageTwo.allowed),
    rule('agreed dates within the target', c.agreedDateWithinTarget, c.agreedDateWithinTarget.required),
    rule('the acknowledgement states the complaint', c.statedComplaint, c.statedComplaint.required),
    `  next steps in each response: ${c.nextSteps.basis}`,
    '',
    'Where clocks start:',
    `  a voicemail left while its officer was away: from the ${policy.contactClocks.voicemailWhileAway.from === 'call' ? 'call' : "officer's return"} (${policy.contactClocks.voicemailWhileAway.basis})`,
    `  a letter: from its ${policy.contactClocks.letter.from === 'arrival' ? 'arrival in the post' : 'scan'} (${policy.contactClocks.letter.basis})`,
    '',
    ...describePrivacy(policy),
  ];
}

/** Personal data: the retention period and who decides disclosures, each with its basis. */
function describePrivacy(policy: LandlordPolicy): string[] {
  const rules = privacyRulesOf(policy);
  return [
    'Personal data:',
    `  kept after a case closes: ${rules.retention.yearsAfterClosure} years, then erased unless on legal hold (${rules.retention.basis})`,
    `  disclosure to outside bodies decided by: ${disclosureDeciders(rules)} (${rules.disclosure.basis})`,
  ];
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
    '',
    ...describeDuties(policy),
  ].join('\n');
}

export const policies: Command = {
  name: 'policies',
  summary: 'list the landlord policy presets and their targets',
  help: `Usage: inbox policies [--policy <preset>] [--json]

Shows each landlord preset: its nation's bank holidays, office hours, complaint
procedure, the acknowledgement and response target for every kind of contact,
the statutory hazard milestones, the complaint rules and where the clocks of
calls and letters start, each with where it comes from (its basis).

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
