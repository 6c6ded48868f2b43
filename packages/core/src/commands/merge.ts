/**
 * Cases that belong together (issue 14): merge two cases of one resident into
 * one, link related cases (shown on both), close a case as a duplicate of
 * another. Each reads both cases as the actor may see them and changes both at
 * once; the merge then moves the other case's history (the store, in batches).
 *
 * Merge rules: the case the command runs on survives; the other case's
 * messages, timeline and department requests move to it; one owner (the
 * survivor's, else the other's); the earlier response target stands; the other
 * reference threads to the survivor forever (`mergedInto`: ingest and
 * `GET /api/cases/{ref}` follow it); the resident is not acknowledged twice
 * (the earlier acknowledgement counts for the survivor, and the merged-away
 * case is closed, so its timers stop). Both cases must be the actor's to run
 * (owner, cover, manager).
 */
import type { Actor } from '../access.js';
import type { Case, CaseLink, CaseWithHistory } from '../cases.js';
import type { CommandInput } from '../contracts/commands.js';
import { CloseInput, LinkInput, MergeInput } from '../contracts/together.js';
import type { CaseChange } from '../ports.js';
import { WriteConflictError } from '../ports.js';
import { deadlinePassesAt, effectiveRespondBy } from '../targets.js';
import {
  type Change,
  CommandError,
  type Context,
  invalid,
  parseInput,
  type Runner,
  requireOpen,
  requireRunner,
} from './run.js';

type Pair = { here: Change; there: Change };

export function togetherCommands(
  runner: Runner,
  plainClose: (a: Actor, ref: string, input?: unknown) => Promise<CaseWithHistory>,
) {
  const { repository } = runner.deps;

  /** Both cases as the actor may see them (the other one, if not, is "no case you can open"). */
  async function both(actor: Actor, ref: string, other: string, field: string) {
    const here = await runner.context(actor, ref);
    if (other === ref) throw invalid(field, 'Choose another case: this is the case you are on');
    const there = await runner.context(actor, other).catch((err) => {
      if (err instanceof CommandError && err.kind === 'not-found')
        throw invalid(field, `No case ${other} that you can open`);
      throw err;
    });
    if (there.kase.mergedInto) throw invalid(field, `${other} was merged into ${there.kase.mergedInto}: use that case`);
    return { here, there };
  }

  /** Reads both, decides, commits both at once; a conflicting write reads again. */
  async function onBoth(
    actor: Actor,
    ref: string,
    other: string,
    field: string,
    why: string,
    decide: (here: Context, there: Context) => Pair,
  ) {
    for (let attempt = 1; ; attempt++) {
      const { here, there } = await both(actor, ref, other, field);
      const { here: a, there: b } = decide(here, there);
      try {
        await repository.commitCaseChanges([asCaseChange(here, a), asCaseChange(there, b)]);
      } catch (err) {
        if (err instanceof WriteConflictError && attempt < 4) continue;
        throw err;
      }
      await runner.changed(other, why);
      return runner.changed(ref, why);
    }
  }

  return {
    /** `merge`: `from` is merged into the case the command runs on. */
    async merge(actor: Actor, ref: string, input?: unknown): Promise<CaseWithHistory> {
      const body = parseInput(MergeInput, input);
      for (let attempt = 1; ; attempt++) {
        const survivor = await repository.getCase(ref);
        const other = await repository.getCase(body.from);
        // Run again on a merge that stopped part-way: it finishes moving (nothing is decided twice).
        if (survivor?.merging?.from === body.from && other?.mergedInto === ref) {
          await runner.context(actor, ref).then(requireRunner);
          await repository.finishMerge(ref);
          return runner.changed(ref, 'merged');
        }
        const { here, there } = await both(actor, ref, body.from, 'from');
        const { here: a, there: b } = decideMerge(here, there, body);
        try {
          await repository.mergeCases({ survivor: asCaseChange(here, a), merged: asCaseChange(there, b) });
        } catch (err) {
          if (err instanceof WriteConflictError && attempt < 4) continue;
          throw err;
        }
        await runner.changed(body.from, 'merged');
        return runner.changed(ref, 'merged');
      }
    },
    /** `link`: related cases, shown on both. */
    async link(actor: Actor, ref: string, input?: unknown): Promise<CaseWithHistory> {
      const body = parseInput(LinkInput, input);
      return onBoth(actor, ref, body.ref, 'ref', 'linked', (here, there) => decideLink(here, there, body));
    },
    /** `close`, or with `duplicateOf` close as a duplicate: no reply recorded, not counted as answered. */
    async close(actor: Actor, ref: string, input?: unknown): Promise<CaseWithHistory> {
      const body = parseInput(CloseInput, input);
      if (!body.duplicateOf) return plainClose(actor, ref, body);
      const { duplicateOf } = body;
      return onBoth(actor, ref, duplicateOf, 'duplicateOf', 'closed', (here, there) =>
        decideDuplicate(here, there, body),
      );
    },
  };
}

function asCaseChange(ctx: Context, change: Change): CaseChange {
  return { ...change, case: { ...change.case, updatedAt: ctx.now }, expectedUpdatedAt: ctx.kase.updatedAt };
}

function link(ctx: Context, ref: string, relation: CaseLink['relation']): CaseLink {
  return { ref, relation, via: 'officer', at: ctx.now, by: ctx.actor.officerId };
}

/** The link added, replacing an earlier link of the same relation to the same case. */
function withLink(kase: Case, added: CaseLink): CaseLink[] {
  return [...(kase.linked ?? []).filter((l) => !(l.ref === added.ref && l.relation === added.relation)), added];
}

/** The instant a case's response target passes, for choosing the earlier of two. */
function passesAt(ctx: Context, kase: Case): number {
  return deadlinePassesAt(ctx.policy, effectiveRespondBy(kase, ctx.policy)).getTime();
}

function earliest(...instants: (string | undefined)[]): string | undefined {
  return instants.filter((i): i is string => Boolean(i)).sort()[0];
}

export function decideMerge(here: Context, there: Context, { from, reason }: CommandInput<'merge'>): Pair {
  requireRunner(here);
  requireRunner(there);
  requireOpen(here);
  if (there.kase.status === 'closed') throw invalid('from', `${from} is closed: reopen it first, or link it instead`);
  if (here.kase.merging)
    throw new CommandError(
      'conflict',
      `${here.kase.ref} is still taking in ${here.kase.merging.from}: merge that again to finish it first`,
    );
  if (there.kase.merging)
    throw invalid('from', `${from} is still taking in ${there.kase.merging.from}: finish that merge first`);
  const s = here.kase;
  const o = there.kase;
  const theirsEarlier = passesAt(here, o) < passesAt(here, s);
  const requests = [...here.found.requests, ...there.found.requests];
  const open = requests.some((r) => r.status === 'open');
  const restricted = s.restricted || o.restricted;
  const { activity: _seen, ...other } = o;
  const survivor: Case = {
    ...s,
    ownerId: s.ownerId ?? o.ownerId,
    ...(theirsEarlier ? { targets: o.targets } : {}),
    restricted,
    lastMessageAt: s.lastMessageAt > o.lastMessageAt ? s.lastMessageAt : o.lastMessageAt,
    messageCount: s.messageCount + o.messageCount,
    status: open ? 'awaiting-departments' : s.status,
    linked: withLink(s, link(here, o.ref, 'merged-from')),
    merging: { from: o.ref, by: here.actor.officerId, at: here.now },
  };
  const acknowledgedAt = earliest(s.acknowledgedAt, o.acknowledgedAt);
  if (acknowledgedAt) survivor.acknowledgedAt = acknowledgedAt;
  const target = theirsEarlier
    ? `${o.ref}’s target (${o.targets.respondBy}) is earlier and now applies`
    : `this case’s target (${s.targets.respondBy}) stands`;
  return {
    here: {
      case: survivor,
      timeline: [
        here.entry(
          'merged',
          `Merged ${o.ref} into this case: ${reason}. Its messages, timeline and department requests move here; ${target}`,
          {
            from: o.ref,
            reason,
            targetsFrom: theirsEarlier ? o.ref : s.ref,
            ownerId: survivor.ownerId,
            ...(restricted && !s.restricted ? { restrictedBecause: o.ref } : {}),
          },
        ),
      ],
    },
    there: {
      case: {
        ...other,
        status: 'closed',
        closedAt: there.now,
        closedAs: 'merged',
        mergedInto: s.ref,
        linked: withLink(o, link(there, s.ref, 'merged-into')),
      },
      timeline: [
        there.entry('merged-into', `Merged into ${s.ref}: ${reason}. Its reference now leads there`, {
          into: s.ref,
          reason,
        }),
      ],
    },
  };
}

export function decideLink(here: Context, there: Context, { ref, reason }: CommandInput<'link'>): Pair {
  if ((here.kase.linked ?? []).some((l) => l.ref === ref && l.relation === 'related')) {
    throw new CommandError('conflict', `${here.kase.ref} is already linked to ${ref}`);
  }
  return {
    here: {
      case: { ...here.kase, linked: withLink(here.kase, link(here, ref, 'related')) },
      timeline: [
        here.entry('case-linked', `Linked to ${ref} as related: ${reason}`, { ref, relation: 'related', reason }),
      ],
    },
    there: {
      case: { ...there.kase, linked: withLink(there.kase, link(there, here.kase.ref, 'related')) },
      timeline: [
        there.entry('case-linked', `Linked to ${here.kase.ref} as related: ${reason}`, {
          ref: here.kase.ref,
          relation: 'related',
          reason,
        }),
      ],
    },
  };
}

export function decideDuplicate(here: Context, there: Context, { reason, duplicateOf }: CommandInput<'close'>): Pair {
  requireRunner(here);
  requireOpen(here);
  const of = duplicateOf as string;
  const { activity: _seen, ...kase } = here.kase;
  return {
    here: {
      case: {
        ...kase,
        status: 'closed',
        closedAt: here.now,
        closedAs: 'duplicate',
        duplicateOf: of,
        linked: withLink(here.kase, link(here, of, 'duplicate-of')),
      },
      timeline: [
        // Recorded as not answered: no reply went, and a report never counts it as one.
        here.entry('closed', `Case closed as a duplicate of ${of}: ${reason}. No reply is recorded`, {
          reason,
          duplicateOf: of,
          answered: false,
        }),
      ],
    },
    there: {
      case: { ...there.kase, linked: withLink(there.kase, link(there, here.kase.ref, 'duplicated-by')) },
      timeline: [
        there.entry('case-linked', `${here.kase.ref} was closed as a duplicate of this case: ${reason}`, {
          ref: here.kase.ref,
          relation: 'duplicated-by',
          reason,
        }),
      ],
    },
  };
}
