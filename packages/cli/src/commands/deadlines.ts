import {
  CASE_KINDS,
  computeTargets,
  contractMilestones,
  isCaseKind,
  isHazardKind,
  NoTargetError,
} from '@housing-inbox/core';
import { presetIds } from '@housing-inbox/policies';
import { type Command, parseInstant, parseOptions, requireOption, UsageError } from '../cli.js';
import { policyOrUsageError } from '../policy.js';

export const deadlines: Command = {
  name: 'deadlines',
  summary: 'when a contact must be acknowledged and answered',
  help: `Usage: inbox deadlines --policy <preset> --kind <kind> --received <instant> [--acknowledged <instant>]
                       [--investigated <instant>]

Prints one JSON object: the day the clock starts (clockStarts), the
acknowledgement deadline (acknowledgeBy, null where none is asked for) and the
response deadline (respondBy). Dates are local working days (YYYY-MM-DD, meaning
the end of that day); an hours target gives an ISO-8601 UTC instant.

For the hazard kinds (hazard-emergency: investigate and make safe in 24 hours;
hazard-damp-mould: investigate in 10 working days) it also prints milestones:
with --investigated, {"summaryBy","worksBy"}, the written summary and the works
counted from the investigation's conclusion; without it, null.

Options:
  --policy <preset>         ${presetIds.join(', ')} (or a policy .json file)
  --kind <kind>             ${CASE_KINDS.join(', ')}
  --received <instant>      when the contact arrived, ISO-8601 with Z or an offset
  --acknowledged <instant>  when it was acknowledged, for targets counted from acknowledgement
  --investigated <instant>  hazard kinds: when the investigation concluded
  -h, --help                show this help
`,
  run(args, io) {
    const { values, positionals } = parseOptions(args, {
      policy: { type: 'string' },
      kind: { type: 'string' },
      received: { type: 'string' },
      acknowledged: { type: 'string' },
      investigated: { type: 'string' },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const policy = policyOrUsageError(requireOption(values, 'policy'));
    const kind = requireOption(values, 'kind');
    if (!isCaseKind(kind)) throw new UsageError(`unknown kind "${kind}" (kinds: ${CASE_KINDS.join(', ')})`);
    const received = parseInstant(requireOption(values, 'received'), 'received');
    const acknowledged = values.acknowledged ? parseInstant(values.acknowledged, 'acknowledged') : undefined;
    if (acknowledged && acknowledged < received) throw new UsageError('--acknowledged is earlier than --received');
    const investigated = values.investigated ? parseInstant(values.investigated, 'investigated') : undefined;
    if (investigated && !isHazardKind(kind)) {
      throw new UsageError(`--investigated applies to the hazard kinds only, not "${kind}"`);
    }
    if (investigated && investigated < received) throw new UsageError('--investigated is earlier than --received');

    try {
      const targets = computeTargets(policy, { kind, received, acknowledged });
      const result: Record<string, unknown> = { policy: policy.id, kind, received: received.toISOString(), ...targets };
      if (isHazardKind(kind)) result.milestones = investigated ? contractMilestones(policy, kind, investigated) : null;
      io.out(`${JSON.stringify(result)}\n`);
      return 0;
    } catch (err) {
      if (err instanceof NoTargetError) throw new UsageError(err.message);
      throw err;
    }
  },
};
