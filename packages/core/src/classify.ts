/**
 * The call handler's first question, asked of every contact: service request,
 * complaint or repair (and how urgent)? Rules are the policy's keyword lists.
 */
import type { Classification, RepairPriority } from './cases.js';
import type { InboundMessage } from './inbound.js';
import type { CaseKind, Channel } from './model.js';
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

/**
 * Classifies a contact. A complaint wins over a repair (a complaint about a
 * repair follows the complaints procedure); a web-form category is the
 * starting point when the words say nothing more specific.
 */
export function classify(policy: LandlordPolicy, message: InboundMessage): Omit<Classification, 'decidedBy'> {
  const text = `${message.subject ?? ''}\n${message.text}`.toLowerCase();
  const channelKind = kindForChannel(message.channel);
  const category = message.form?.category ? policy.categories.find((c) => c.id === message.form?.category) : undefined;
  const rules = policy.classification;

  const complaintWord = firstMatch(text, rules.complaint);
  if (complaintWord || category?.treatAs === 'complaint') {
    return {
      category: 'complaint',
      kind: policy.targets['complaint-stage-1'] ? 'complaint-stage-1' : channelKind,
      reason: complaintWord ? `complaint wording: "${complaintWord}"` : `web form category "${category?.label}"`,
    };
  }

  const repairRules: [RepairPriority, readonly string[]][] = [
    ['emergency', rules.emergencyRepair],
    ['urgent', rules.urgentRepair],
    ['standard', rules.repair],
  ];
  for (const [priority, keywords] of repairRules) {
    const word = firstMatch(text, keywords);
    if (word) return repair(policy, priority, channelKind, `${priority} repair wording: "${word}"`);
  }
  if (category?.treatAs === 'repair') {
    return repair(policy, 'standard', channelKind, `web form category "${category.label}"`);
  }

  return {
    category: 'service-request',
    kind: channelKind,
    reason: category ? `web form category "${category.label}"` : 'no complaint or repair wording',
  };
}

function repair(
  policy: LandlordPolicy,
  priority: RepairPriority,
  channelKind: CaseKind,
  reason: string,
): Omit<Classification, 'decidedBy'> {
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
