/**
 * The call handler's first question, asked of every contact: service request,
 * complaint or repair (and how urgent)? Is it a likely hazard? Rules are the
 * policy's keyword lists and hazard signs.
 */
import { calendarFor } from './calendar.js';
import type { Classification, HazardFlag, RepairPriority } from './cases.js';
import type { InboundMessage } from './inbound.js';
import { type CaseKind, type Channel, HAZARD_KINDS } from './model.js';
import type { LandlordPolicy } from './policy.js';

/** The target kind for a plain contact on each channel. */
export function kindForChannel(channel: Channel): CaseKind {
  switch (channel) {
    case 'email':
      return 'email';
    case 'sms':
      return 'sms';
    case 'letter':
      return 'letter';
    case 'web-form':
      return 'web-form';
    // A logged call, voicemail or visit that needs return contact is answered like a phone message.
    case 'phone':
    case 'in-person':
      return 'phone-message';
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function firstMatch(text: string, keywords: readonly string[]): string | undefined {
  return keywords.find((k) =>
    new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(k.toLowerCase())}($|[^\\p{L}\\p{N}])`, 'u').test(text),
  );
}

const REPAIR_KIND: Record<RepairPriority, CaseKind> = {
  emergency: 'repair-emergency',
  urgent: 'repair-urgent',
  standard: 'repair-standard',
  programmed: 'repair-programmed',
};

type Decided = Omit<Classification, 'decidedBy'>;

/** The first hazard sign of the policy the text shows, emergencies first; only kinds the policy sets a target for. */
export function recogniseHazard(
  policy: LandlordPolicy,
  text: string,
  month: number,
): Omit<HazardFlag, 'status' | 'otherwise'> | undefined {
  const lower = text.toLowerCase();
  for (const kind of HAZARD_KINDS) {
    const rule = policy.hazards[kind];
    if (!rule || !policy.targets[kind]) continue;
    for (const sign of rule.signs) {
      if (sign.months && !sign.months.includes(month)) continue;
      const word = firstMatch(lower, sign.words);
      if (!word) continue;
      const also = sign.withAny ? firstMatch(lower, sign.withAny) : undefined;
      if (sign.withAny && !also) continue;
      return { kind, sign: sign.label, words: also ? `${word}" with "${also}` : word };
    }
  }
  return undefined;
}

/** Words in an inbound message that ask for stage 2 (policy `complaints.escalationWords`), for ingest. */
export function asksToEscalate(policy: LandlordPolicy, text: string): string | undefined {
  return firstMatch(text.toLowerCase(), policy.complaints.escalationWords);
}

/**
 * Classifies a contact. Safety first: a likely hazard (the policy's
 * `hazards.<kind>.signs`) takes its statutory clock from receipt, flagged for
 * an officer to confirm or rule out; an emergency repair keeps its emergency
 * target even when the message complains. Otherwise a complaint wins over a
 * repair (a complaint about a repair follows the complaints procedure). When a
 * message both complains and reports a repair or hazard, `also` names the
 * second clock, which runs too: ingest opens it from the same message. A
 * web-form category is the starting point when the words say nothing more specific.
 */
export function classify(policy: LandlordPolicy, message: InboundMessage): Decided {
  const text = `${message.subject ?? ''}\n${message.text}`.toLowerCase();
  const month = Number(calendarFor(policy).localDate(new Date(message.receivedAt)).slice(5, 7));
  const ordinary = classifyWithoutHazards(policy, message, text);
  const sign = recogniseHazard(policy, text, month);
  if (!sign) return ordinary;
  const { also: _also, ...otherwise } = ordinary;
  const complaint = ordinary.category === 'complaint' ? otherwise : ordinary.also;
  const priority: RepairPriority = sign.kind === 'hazard-emergency' ? 'emergency' : (ordinary.priority ?? 'standard');
  return {
    category: 'repair',
    priority,
    kind: sign.kind,
    reason: `likely hazard (${sign.sign}): "${sign.words}"; an officer confirms or rules it out, the clock runs from receipt`,
    hazard: { ...sign, status: 'suspected', otherwise },
    ...(complaint?.category === 'complaint' ? { also: { ...complaint } } : {}),
  };
}

/** The classification the words give without the hazard signs: what a ruled-out hazard returns to. */
function classifyWithoutHazards(policy: LandlordPolicy, message: InboundMessage, text: string): Decided {
  const channelKind = kindForChannel(message.channel);
  const category = message.form?.category ? policy.categories.find((c) => c.id === message.form?.category) : undefined;
  const rules = policy.classification;

  const complaintWord = firstMatch(text, rules.complaint);
  const complaint: Decided | undefined =
    complaintWord || category?.treatAs === 'complaint'
      ? {
          category: 'complaint',
          kind: policy.targets['complaint-stage-1'] ? 'complaint-stage-1' : channelKind,
          reason: complaintWord ? `complaint wording: "${complaintWord}"` : `web form category "${category?.label}"`,
        }
      : undefined;

  let asked: Decided | undefined;
  const repairRules: [RepairPriority, readonly string[]][] = [
    ['emergency', rules.emergencyRepair],
    ['urgent', rules.urgentRepair],
    ['standard', rules.repair],
  ];
  for (const [priority, keywords] of repairRules) {
    const word = firstMatch(text, keywords);
    if (word) {
      asked = repair(policy, priority, channelKind, `${priority} repair wording: "${word}"`);
      break;
    }
  }
  if (!asked && category?.treatAs === 'repair') {
    asked = repair(policy, 'standard', channelKind, `web form category "${category.label}"`);
  }

  // An emergency keeps its emergency target even in a complaint; the complaint runs beside it.
  if (asked?.priority === 'emergency' && asked.kind === 'repair-emergency') {
    return complaint ? { ...asked, also: complaint } : asked;
  }
  if (complaint) return asked ? { ...complaint, also: asked } : complaint;
  if (asked) return asked;
  return {
    category: 'service-request',
    kind: channelKind,
    reason: category ? `web form category "${category.label}"` : 'no complaint or repair wording',
  };
}

function repair(policy: LandlordPolicy, priority: RepairPriority, channelKind: CaseKind, reason: string): Decided {
  const repairKind = REPAIR_KIND[priority];
  // A landlord without repair targets answers a repair request like any other contact on that channel.
  return { category: 'repair', priority, kind: policy.targets[repairKind] ? repairKind : channelKind, reason };
}

/**
 * The department a new case goes to: the web form's category when the resident
 * chose one; a complaint or repair to the department that handles those; any
 * other contact to the front door ("other"), where it is triaged.
 */
export function departmentFor(
  policy: LandlordPolicy,
  message: InboundMessage,
  classification: { category: string },
): string {
  const byForm = message.form?.category ? policy.categories.find((c) => c.id === message.form?.category) : undefined;
  if (byForm && (byForm.treatAs === classification.category || classification.category === 'service-request')) {
    return byForm.department;
  }
  if (classification.category !== 'service-request') {
    const byTreatment = policy.categories.find((c) => c.treatAs === classification.category);
    if (byTreatment) return byTreatment.department;
  }
  const frontDoor = policy.categories.find((c) => c.id === 'other') ?? policy.categories[0];
  return frontDoor?.department ?? policy.departments[0]?.id ?? 'reception';
}
