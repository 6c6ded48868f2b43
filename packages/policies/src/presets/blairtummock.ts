/**
 * Blairtummock Housing Association (Scotland). Source: Customer Service Policy
 * (December 2019), and the SPSO Model Complaints Handling Procedure it adopts.
 */
import type { LandlordPolicy, MilestoneRule } from '@housing-inbox/core';
import { dampMouldSigns, emergencySigns, escalationWords } from './hazards.js';
import { RETENTION_AFTER_CLOSURE } from './privacy.js';
import { replyTemplates } from './replies.js';
import { complaintTemplates, milestoneTemplates, noticeTemplates } from './templates.js';

const SCOTTISH_REGULATIONS = 'the Investigation and Commencement of Repair (Scotland) Regulations 2026';
const CONTACT_LINE = 'If it is an emergency repair, phone the office straight away on {{phone}}.';

/** The 2026 Regulations' milestones, counted from the day the investigation concluded. */
const scottishMilestones: MilestoneRule[] = [
  {
    id: 'summary',
    promise: 'send you a written summary of what we found',
    due: { workingDays: 3 },
    metBy: 'summary-sent',
    when: 'always',
    basis: 'Scottish Regulations 2026: a written summary of the investigation within 3 working days of it concluding',
  },
  {
    id: 'works',
    promise: 'start the repair',
    due: { workingDays: 5 },
    metBy: 'works-started',
    when: 'works-needed',
    basis: 'Scottish Regulations 2026: the repair started within 5 working days of concluding that it is needed',
  },
];

export const blairtummock: LandlordPolicy = {
  id: 'blairtummock',
  name: 'Blairtummock Housing Association',
  bankHolidays: 'GB-SCT',
  regulator: 'spso',
  timeZone: 'Europe/London',
  // Assumed: the policy names no opening hours; 09:00–17:00 as for UK landlord offices generally.
  officeHours: { opens: '09:00', closes: '17:00' },
  // The policy names no closure days beyond bank holidays.
  closureDays: [],
  caseReferencePrefix: 'BT',
  targets: {
    'phone-message': {
      acknowledge: null,
      respond: { workingDays: 0, from: 'receipt' },
      basis: '3.2: telephone calls returned the same working day',
    },
    // 3.3/5.3: "acknowledged within 3 working days of receipt or a formal reply within 10 working days".
    letter: {
      acknowledge: { workingDays: 3 },
      respond: { workingDays: 10, from: 'receipt' },
      basis: '5.3: correspondence acknowledged in 3 working days, formal reply in 10',
    },
    email: {
      acknowledge: { workingDays: 3 },
      respond: { workingDays: 10, from: 'receipt' },
      basis: '5.3: email is correspondence: acknowledged in 3 working days, formal reply in 10',
    },
    // Assumed: texts and web forms are written correspondence too.
    sms: {
      acknowledge: { workingDays: 3 },
      respond: { workingDays: 10, from: 'receipt' },
      basis: 'Assumed: texts are correspondence (acknowledge in 3, reply in 10); the policy is silent',
    },
    'web-form': {
      acknowledge: { workingDays: 3 },
      respond: { workingDays: 10, from: 'receipt' },
      basis: 'Assumed: web forms are correspondence (acknowledge in 3, reply in 10); the policy is silent',
    },
    'complaint-stage-1': {
      acknowledge: null,
      respond: { workingDays: 5, from: 'receipt' },
      basis: 'SPSO model procedure: frontline response in 5 working days',
    },
    'complaint-stage-2': {
      acknowledge: { workingDays: 3 },
      respond: { workingDays: 20, from: 'receipt' },
      basis: 'SPSO model procedure: investigation acknowledged in 3 working days, decision in 20 from receipt',
    },
    'repair-emergency': {
      acknowledge: null,
      respond: { hours: 24 },
      // Met by the repair done (repair-completed), not by a letter about it (issue 11).
      metBy: 'works-completed',
      basis: '5.1: emergency repairs within 24 hours',
    },
    'repair-urgent': {
      acknowledge: null,
      respond: { workingDays: 5, from: 'receipt' },
      // Met by the repair done (repair-completed), not by a letter about it (issue 11).
      metBy: 'works-completed',
      basis: '5.1: urgent repairs within 5 working days',
    },
    'repair-standard': {
      acknowledge: null,
      respond: { workingDays: 10, from: 'receipt' },
      // Met by the repair done (repair-completed), not by a letter about it (issue 11).
      metBy: 'works-completed',
      basis: '5.1: standard repairs within 10 working days',
    },
    'repair-programmed': {
      acknowledge: null,
      respond: { workingDays: 30, from: 'receipt' },
      // Met by the repair done (repair-completed), not by a letter about it (issue 11).
      metBy: 'works-completed',
      basis: '5.1: programmed works within 30 working days',
    },
    'hazard-emergency': {
      acknowledge: null,
      respond: { hours: 24 },
      metBy: 'made-safe',
      basis:
        '5.1: emergency repairs within 24 hours; Assumed: an emergency hazard is investigated and made safe in that time',
    },
    'hazard-damp-mould': {
      acknowledge: null,
      respond: { workingDays: 10, from: 'receipt' },
      metBy: 'investigation',
      basis:
        'Investigation and Commencement of Repair (Scotland) Regulations 2026 (from 6 October 2026): damp and mould investigated within 10 working days; Assumed: applied to every report, before that date too',
    },
  },
  extensions: {
    'complaint-stage-1': {
      maxWorkingDays: 5,
      basis: 'SPSO model procedure: stage 1 may be extended by up to 5 further working days in exceptional cases',
    },
    // Assumed cap: the SPSO procedure asks for a revised timescale with reasons but sets no number.
    'complaint-stage-2': {
      maxWorkingDays: 20,
      basis: 'Assumed: SPSO sets no cap on a stage 2 extension; this preset allows up to 20 further working days',
    },
  },
  departments: [
    { id: 'reception', name: 'Reception and Administration' },
    { id: 'housing-services', name: 'Housing Services' },
    { id: 'maintenance', name: 'Maintenance (repairs)' },
    { id: 'finance', name: 'Finance and Rents' },
    { id: 'community', name: 'Community Regeneration' },
  ],
  categories: [
    { id: 'repairs', label: 'A repair', department: 'maintenance', treatAs: 'repair' },
    { id: 'rent', label: 'Rent or payments', department: 'finance', treatAs: 'service-request' },
    { id: 'tenancy', label: 'My tenancy or my home', department: 'housing-services', treatAs: 'service-request' },
    {
      id: 'neighbours',
      label: 'Neighbours or anti-social behaviour',
      department: 'housing-services',
      treatAs: 'service-request',
    },
    { id: 'community', label: 'Community projects and support', department: 'community', treatAs: 'service-request' },
    { id: 'complaint', label: 'A complaint', department: 'housing-services', treatAs: 'complaint' },
    { id: 'other', label: 'Something else', department: 'reception', treatAs: 'service-request' },
  ],
  classification: {
    emergencyRepair: [
      'gas leak',
      'smell gas',
      'smell of gas',
      'carbon monoxide',
      'no heating',
      'no hot water',
      'flooding',
      'burst pipe',
      'water pouring',
      'no electricity',
      'no power',
      'exposed wires',
      'sparking',
      'sewage',
      'cannot lock',
      "can't lock",
      'front door broken',
    ],
    urgentRepair: [
      'leak',
      'leaking',
      'boiler',
      'toilet not flushing',
      'blocked toilet',
      'broken window',
      'blocked drain',
    ],
    repair: ['repair', 'broken', 'damp', 'mould', 'mold', 'faulty', 'not working', 'crack', 'fix'],
    complaint: [
      'complaint',
      'complain',
      'not happy',
      'unhappy',
      'dissatisfied',
      'disappointed',
      'unacceptable',
      'poor service',
      'spso',
      'ombudsman',
      'escalate',
    ],
  },
  hazards: {
    'hazard-emergency': {
      law: SCOTTISH_REGULATIONS,
      signs: emergencySigns,
      milestones: scottishMilestones.map((m) => ({
        ...m,
        basis: `Assumed: ${m.basis}, applied after an emergency is made safe`,
      })),
      basis: 'Policy 5.1 (emergency repairs within 24 hours) with the 2026 Regulations applied to what follows',
    },
    'hazard-damp-mould': {
      law: SCOTTISH_REGULATIONS,
      signs: dampMouldSigns,
      milestones: scottishMilestones,
      alternativeAccommodation: {
        required: false,
        basis:
          'Assumed: the 2026 Regulations time the investigation and the start of the repair; a move is offered when the home is unsafe, but no timescale is set',
      },
      basis: 'Investigation and Commencement of Repair (Scotland) Regulations 2026, from 6 October 2026',
    },
  },
  complaints: {
    ombudsman: {
      name: 'Scottish Public Services Ombudsman (SPSO)',
      contact: 'Bridgeside House, 99 McDonald Road, Edinburgh EH7 4NS; freephone 0800 377 7330; www.spso.org.uk',
      basis: 'SPSO model complaints handling procedure: the final response signposts the SPSO',
    },
    independentStageTwo: {
      required: true,
      basis:
        'Assumed: the SPSO model procedure expects a stage 2 investigation by someone not involved at stage 1; applied always',
    },
    directToStageTwo: {
      allowed: true,
      basis: 'SPSO model procedure: a complex complaint may go straight to stage 2 (investigation)',
    },
    agreedDateWithinTarget: {
      required: true,
      basis:
        "SPSO model procedure: only an extension (with reasons, within this preset's limit) moves a complaint's timescale",
    },
    statedComplaint: {
      required: true,
      basis: 'SPSO model procedure: the acknowledgement confirms the points of complaint and the outcome wanted',
    },
    escalationWords,
    nextSteps: {
      'complaint-stage-1': `What you can do next: if you are not satisfied with this response, you can ask us to look at your complaint again at stage 2 (investigation). Contact us quoting {{ref}} and tell us why you are dissatisfied.`,
      'complaint-stage-2': `This is our final decision on your complaint ({{ref}}). If you are still dissatisfied, you can ask the {{ombudsman}} to look at it. You normally need to do this within 12 months.`,
      basis: 'SPSO model procedure: stage 1 says how to escalate; the final decision signposts the SPSO',
    },
    templates: complaintTemplates({ contactLine: CONTACT_LINE, extensionOmbudsman: false }),
  },
  privacy: {
    retention: RETENTION_AFTER_CLOSURE,
    disclosure: {
      deciders: { jobTitles: ['Housing Services Manager', 'Director'], roles: [] },
      basis:
        '4.3: "This decision to pass on information should be made by the Housing Services Manager or the Director"',
    },
  },
  contactClocks: {
    voicemailWhileAway: {
      from: 'call',
      basis: '3.2: calls returned the same day; 3.4: messages passed on at once when the staff member is not available',
    },
    letter: {
      from: 'arrival',
      basis: '3.1: "within 3 working days of receipt": a letter is received the day it arrives in the post',
    },
  },
  reporting: {
    regulatorReturn: {
      framework: 'scottish-charter',
      yearStartsMonth: 4,
      basis:
        'Scottish Housing Regulator, Annual Return on the Charter technical guidance: the reporting year is 1 April to 31 March',
    },
    homes: {
      count: 700,
      basis:
        'Assumed (the customer service policy does not give the stock): 700 homes owned at 31 March; replace with the figure from the Annual Return on the Charter',
    },
  },
  // Assumed: a text from the same number within 14 days continues the conversation.
  threading: { smsReplyWindowHours: 336 },
  inbound: {
    // The website's own form mailer writes from this domain with the resident in Reply-To.
    relayAddresses: ['@forms.blairtummock.example'],
    automaticNoticesPerAddressPerDay: 3,
    basis:
      'Assumed (the policy is silent): RFC 3834 section 2 asks automatic responders not to answer one sender again and again; three a day still acknowledges a resident who writes about several things, and stops a loop with another help desk the same day.',
  },
  contact: {
    phone: '0141 496 0000',
    basis:
      'Assumed: the seed policy gives no phone number; 0141 496 0000 is an Ofcom number reserved for drama, standing in until Blairtummock gives its own.',
  },
  replyTemplates: replyTemplates({ adviceService: 'Citizens Advice Scotland (0800 028 1456)' }),
  // Assumed: owners warned one working day ahead (targets here are short); updates weekly while late.
  notices: {
    warnOwnerWorkingDaysBefore: 1,
    delayUpdateEveryWorkingDays: 5,
    templates: noticeTemplates(CONTACT_LINE),
    milestones: milestoneTemplates(CONTACT_LINE),
  },
};
