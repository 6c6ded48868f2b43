/**
 * The two Task states of the workflow as plain async functions: the Lambda
 * entry points (functions/) and the local runner call these same ones. Each
 * reads the case afresh from the repository; the workflow carries only the
 * case reference and the keys it has settled.
 */
import type { CaseRepository, Clock, LandlordPolicy, NoticeSender, OfficerNotification } from '@housing-inbox/core';
import { type ActOutcome, act } from './act.js';
import { parseExecutionName } from './definition.js';
import { plan, type TimerPlan } from './plan.js';
import { spreadOverOpening } from './schedule.js';
import type { WakeUpStore } from './wakeups.js';

/** The workflow's data between states (execution input is `{ caseRef }`). */
export interface TimerState {
  caseRef: string;
  /** Notice keys this run has dealt with (see PlanInput.settled). */
  settled: string[];
  /** The last thing the Act step did. */
  acted?: ActOutcome;
  plan?: TimerPlan;
}

export interface PlanTaskInput {
  caseRef: string;
  settled?: string[];
  /** `$$.Execution.Name`: lets a superseded execution end itself (see isCurrentExecution). */
  execution?: string;
}

export interface ActTaskInput {
  caseRef: string;
  settled?: string[];
  /** The key the workflow waited for, for the record; the step re-plans anyway. */
  key?: string;
}

export interface TimerTaskDeps {
  repository: Pick<CaseRepository, 'getCaseWithHistory' | 'getOfficer'>;
  policy: LandlordPolicy;
  clock: Clock;
  sender: NoticeSender;
  /**
   * Optional: false when a newer execution has taken over the case (cloud
   * re-planning starts `<ref>-<n+1>` and stops `<ref>-<n>`; should the stop be
   * lost, the old one ends at its next plan instead of acting twice as often).
   */
  isCurrentExecution?: (caseRef: string, executionName: string) => Promise<boolean>;
  /**
   * Optional (cloud, at scale): a next step further away than `beyondMs` is not
   * waited for inside the execution. Its wake-up goes to `store` and the
   * execution ends; a scheduled sweep restarts the case's workflow when the
   * wake-up comes within reach (`store.due(now + beyondMs)`). This keeps open
   * executions to the cases with something due soon (see the README's quota notes).
   */
  park?: { store: WakeUpStore; beyondMs: number };
  /**
   * Optional (cloud): notices due at an office opening wait a per-case offset within
   * the first `minutes` (`spreadOverOpening`), so a morning's batch does not hit the
   * senders' rate limits at once. Only steps about a day target (or none) move: a step
   * about an hours target (an emergency) keeps its instant. Act re-plans and finds the
   * step due, so nothing changes but the moment it is sent.
   */
  spread?: { minutes: number };
  /**
   * Optional (cloud): officers' emails that ingest left on a new case because it may not send
   * (`CaseWithHistory.officerEmailsDue`). Plan makes the act step run at once while any wait;
   * act takes each (`claim`, so two steps never send one twice) and sends it before its notice.
   */
  officerEmails?: {
    claim(caseRef: string, id: string): Promise<boolean>;
    send(items: OfficerNotification[]): Promise<void>;
  };
  /**
   * Optional (cloud): the plan step clears the case's pending plan once it has planned with
   * the change seen, so ingest need not (one DeleteItem fewer per message). The pending plan
   * is read before the case; it is cleared (conditionally on its token) only by an execution
   * `<ref>-<n>` with n above the generation the change was written at (`changeBase`): one
   * named after the write. An older execution that planned in between never clears it, since
   * the change's own start may yet be lost (then the redelivery or the sweep re-plans it).
   */
  pendingPlans?: {
    get(caseRef: string): Promise<{ token: string } | undefined>;
    /** The timer generation the case's last change was written at; 0 when none was. */
    changeBase(caseRef: string): Promise<number>;
    clear(caseRef: string, token: string): Promise<void>;
  };
}

export interface TimerTasks {
  plan(input: PlanTaskInput): Promise<TimerPlan>;
  act(input: ActTaskInput): Promise<TimerState>;
}

/** How many settled keys the workflow carries (the oldest fall off; the timeline has them by then). */
const MAX_SETTLED = 50;

const SETTLES = new Set<ActOutcome['status']>(['sent', 'skipped', 'already-sent']);

export function createTimerTasks(deps: TimerTaskDeps): TimerTasks {
  const spread = (next: TimerPlan, caseRef: string): TimerPlan => {
    if (!deps.spread || next.action === 'none' || (next.target !== undefined && next.target.length !== 10)) return next;
    const at = spreadOverOpening(new Date(next.at), caseRef, deps.policy, deps.spread.minutes).toISOString();
    return at === new Date(next.at).toISOString() ? next : { ...next, at };
  };
  /** The plan for the case as it is now (parked when beyond the horizon); undefined when there is no such case. */
  const planCase = async (input: PlanTaskInput, now: Date): Promise<TimerPlan | undefined> => {
    const found = await deps.repository.getCaseWithHistory(input.caseRef);
    if (!found) return undefined;
    const next = spread(
      plan({ case: found.case, timeline: found.timeline, policy: deps.policy, now, settled: input.settled }),
      input.caseRef,
    );
    // An officer's email waits (cloud ingest may not send): act now, which sends it and re-plans.
    if (deps.officerEmails && found.officerEmailsDue?.length && next.action !== 'none') {
      return { ...next, at: now.toISOString(), reason: `an officer's email waits; then: ${next.reason}` };
    }
    if (!deps.park) return next;
    if (next.action === 'none') {
      await deps.park.store.remove(input.caseRef);
      return next;
    }
    if (new Date(next.at).getTime() - now.getTime() <= deps.park.beyondMs) return next;
    await deps.park.store.set(input.caseRef, next.at, next.key);
    return {
      action: 'none',
      at: next.at,
      key: next.key,
      reason: `parked until ${next.at} (${next.action}): beyond the wait horizon, the sweep restarts it`,
    };
  };
  /** Clears the pending plan read before planning, when this execution was named after its change (see `pendingPlans`). */
  const release = async (caseRef: string, execution: string, token: string): Promise<void> => {
    const pendingPlans = deps.pendingPlans;
    const parsed = parseExecutionName(execution);
    if (!pendingPlans || !parsed || parsed.caseRef !== caseRef) return;
    if (parsed.generation <= (await pendingPlans.changeBase(caseRef))) return;
    await pendingPlans.clear(caseRef, token);
  };
  return {
    async plan(input) {
      const now = deps.clock.now();
      if (
        input.execution &&
        deps.isCurrentExecution &&
        !(await deps.isCurrentExecution(input.caseRef, input.execution))
      ) {
        return { action: 'none', at: now.toISOString(), key: '', reason: 'a newer execution has taken over this case' };
      }
      // Read before the case: the plan then sees at least the change this pending plan stands for.
      const pending = input.execution ? await deps.pendingPlans?.get(input.caseRef) : undefined;
      const planned = await planCase(input, now);
      if (!planned)
        return { action: 'none', at: now.toISOString(), key: '', reason: `case ${input.caseRef} not found` };
      if (pending && input.execution) await release(input.caseRef, input.execution, pending.token);
      return planned;
    },

    async act(input) {
      const settled = [...(input.settled ?? [])];
      const found = await deps.repository.getCaseWithHistory(input.caseRef);
      if (!found) {
        return {
          caseRef: input.caseRef,
          settled,
          acted: {
            status: 'nothing-to-do',
            plan: { action: 'none', at: deps.clock.now().toISOString(), key: '', reason: 'case not found' },
          },
        };
      }
      if (deps.officerEmails) {
        for (const item of found.officerEmailsDue ?? []) {
          // Taken first: a retried step never sends it twice (at most once; the inbox item stands).
          if (await deps.officerEmails.claim(item.caseRef, item.id)) await deps.officerEmails.send([item]);
        }
      }
      const outcome = await act(
        {
          case: found.case,
          timeline: found.timeline,
          contact: found.contact,
          requests: found.requests,
          policy: deps.policy,
          now: deps.clock.now(),
          settled,
        },
        {
          sender: deps.sender,
          officerName: async (id) => (await deps.repository.getOfficer(id))?.name,
        },
      );
      if (SETTLES.has(outcome.status) && outcome.plan.key && !settled.includes(outcome.plan.key)) {
        settled.push(outcome.plan.key);
      }
      return { caseRef: input.caseRef, settled: settled.slice(-MAX_SETTLED), acted: outcome };
    },
  };
}
