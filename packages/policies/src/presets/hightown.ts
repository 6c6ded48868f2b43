/**
 * Hightown (England). Source: Hightown House Customer Service Policy, issue 1
 * (May 2025), and the Housing Ombudsman Complaint Handling Code for complaints.
 */
import type { LandlordPolicy } from '@housing-inbox/core';
import { dampMouldSigns, emergencySigns, escalationWords } from './hazards.js';
import { RETENTION_AFTER_CLOSURE } from './privacy.js';
import { replyTemplates } from './replies.js';
import { complaintTemplates, milestoneTemplates, noticeTemplates } from './templates.js';

const AWAABS_LAW =
  "Awaab's Law (Hazards in Social Housing (Prescribed Requirements) (England) Regulations 2025, SI 2025/1042)";
const CONTACT_LINE = 'If it is urgent, call us on {{phone}}; reception is open 9am to 5pm, Monday to Friday.';

/** Awaab's Law milestones, counted from the day the investigation concluded. */
const summaryMilestone = {
  id: 'summary',
  promise: 'send you a written summary of what we found',
  due: { workingDays: 3 },
  metBy: 'summary-sent',
  when: 'always',
  basis:
    'SI 2025/1042: a written summary of the findings to the tenant within 3 working days of the investigation concluding',
} as const;
const furtherWorksBy12Weeks = {
  id: 'further-works-started',
  promise: 'start the further work on site',
  due: { weeks: 12 },
  metBy: 'further-works-started',
  when: 'further-works-needed',
  basis:
    'SI 2025/1042: supplementary preventative work physically started within 12 weeks of the investigation concluding',
} as const;

export const hightown: LandlordPolicy = {
  id: 'hightown',
  name: 'Hightown',
  bankHolidays: 'GB-ENG',
  regulator: 'housing-ombudsman',
  timeZone: 'Europe/London',
  // "Reception is staffed from 9am to 5pm Monday to Friday, excluding bank holidays."
  officeHours: { opens: '09:00', closes: '17:00' },
  // The policy names no closure days beyond bank holidays.
  closureDays: [],
  caseReferencePrefix: 'HT',
  targets: {
    'phone-message': {
      acknowledge: null,
      respond: { workingDays: 2, from: 'receipt' },
      basis: 'Telephone message/voicemail: 2 working days',
    },
    email: {
      acknowledge: null,
      respond: { workingDays: 10, from: 'receipt' },
      basis: 'Email/letter: 10 working days',
    },
    letter: {
      acknowledge: null,
      respond: { workingDays: 10, from: 'receipt' },
      basis: 'Email/letter: 10 working days',
    },
    // Assumed: the policy sets no timescale for texts; a text is written correspondence, like an email.
    sms: {
      acknowledge: null,
      respond: { workingDays: 10, from: 'receipt' },
      basis: 'Assumed: texts are answered like email (10 working days); the policy is silent',
    },
    // Assumed: the web form is an email by another route.
    'web-form': {
      acknowledge: null,
      respond: { workingDays: 10, from: 'receipt' },
      basis: 'Assumed: web forms are answered like email (10 working days); the policy is silent',
    },
    'complaint-stage-1': {
      acknowledge: { workingDays: 5 },
      respond: { workingDays: 10, from: 'acknowledgement' },
      basis: 'Stage 1: acknowledge in 5 working days, respond in 10 from acknowledgement (Complaint Handling Code)',
    },
    'complaint-stage-2': {
      acknowledge: { workingDays: 5 },
      respond: { workingDays: 20, from: 'acknowledgement' },
      basis:
        'Stage 2: acknowledge in 5 working days of escalation, respond in 20 from acknowledgement (Complaint Handling Code)',
    },
    // Repairs: the customer service policy sets no repair timescales, so none are set here.
    'hazard-emergency': {
      acknowledge: null,
      respond: { hours: 24 },
      metBy: 'made-safe',
      basis:
        "Awaab's Law (SI 2025/1042, from 27 October 2025): a potential emergency hazard investigated, and the relevant safety work done, within 24 hours of becoming aware of it",
    },
    'hazard-damp-mould': {
      acknowledge: null,
      respond: { workingDays: 10, from: 'receipt' },
      metBy: 'investigation',
      basis:
        "Awaab's Law (SI 2025/1042, from 27 October 2025): a potential significant damp and mould hazard investigated within 10 working days of becoming aware of it",
    },
  },
  extensions: {
    'complaint-stage-1': {
      maxWorkingDays: 10,
      basis: 'Complaint Handling Code: stage 1 may be extended by up to 10 further working days, with reasons given',
    },
    'complaint-stage-2': {
      maxWorkingDays: 20,
      basis: 'Complaint Handling Code: stage 2 may be extended by up to 20 further working days, with reasons given',
    },
  },
  departments: [
    { id: 'customer-services', name: 'Customer Services and Reception' },
    { id: 'housing-management', name: 'Housing Management' },
    { id: 'property-services', name: 'Property Services (repairs)' },
    { id: 'income', name: 'Income and Rents' },
    { id: 'home-ownership', name: 'Home Ownership (shared owners and leaseholders)' },
    { id: 'support', name: 'Supported Housing' },
  ],
  categories: [
    { id: 'repairs', label: 'A repair', department: 'property-services', treatAs: 'repair' },
    { id: 'rent', label: 'Rent, charges or payments', department: 'income', treatAs: 'service-request' },
    { id: 'tenancy', label: 'My tenancy or my home', department: 'housing-management', treatAs: 'service-request' },
    {
      id: 'neighbours',
      label: 'Neighbours or anti-social behaviour',
      department: 'housing-management',
      treatAs: 'service-request',
    },
    {
      id: 'home-ownership',
      label: 'Shared ownership or leasehold',
      department: 'home-ownership',
      treatAs: 'service-request',
    },
    { id: 'support', label: 'Support services', department: 'support', treatAs: 'service-request' },
    { id: 'complaint', label: 'A complaint', department: 'customer-services', treatAs: 'complaint' },
    { id: 'other', label: 'Something else', department: 'customer-services', treatAs: 'service-request' },
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
      'ombudsman',
      'escalate',
    ],
  },
  hazards: {
    'hazard-emergency': {
      law: AWAABS_LAW,
      signs: emergencySigns,
      milestones: [
        {
          ...summaryMilestone,
          basis: `Assumed: ${summaryMilestone.basis}, applied to emergency investigations as to damp and mould`,
        },
        {
          id: 'works',
          promise: 'begin the further work needed to put the problem right',
          due: { workingDays: 5 },
          metBy: 'further-works-started',
          when: 'further-works-needed',
          bestEffort: true,
          basis:
            'SI 2025/1042: after an emergency hazard is made safe, further work begun (or steps taken to begin it) within 5 working days where possible',
        },
        furtherWorksBy12Weeks,
      ],
      alternativeAccommodation: {
        required: true,
        basis:
          "SI 2025/1042: suitable alternative accommodation offered, at the landlord's expense, when the home cannot be made safe in time",
      },
      basis: "Awaab's Law: every HHSRS hazard posing an imminent and significant risk of harm, from 27 October 2025",
    },
    'hazard-damp-mould': {
      law: AWAABS_LAW,
      signs: dampMouldSigns,
      milestones: [
        summaryMilestone,
        {
          id: 'works',
          promise: 'make your home safe (the relevant safety work)',
          due: { workingDays: 5 },
          metBy: 'works-completed',
          when: 'works-needed',
          basis: 'SI 2025/1042: relevant safety work done within 5 working days of the investigation concluding',
        },
        {
          id: 'further-works-begun',
          promise: 'begin the further (preventative) work',
          due: { workingDays: 5 },
          metBy: 'further-works-started',
          when: 'further-works-needed',
          bestEffort: true,
          basis:
            'SI 2025/1042: supplementary preventative work begun, or steps taken to begin it, within 5 working days where possible',
        },
        furtherWorksBy12Weeks,
      ],
      alternativeAccommodation: {
        required: true,
        basis:
          "SI 2025/1042: suitable alternative accommodation offered, at the landlord's expense, when the home cannot be made safe in time",
      },
      basis: "Awaab's Law: damp and mould posing a significant risk of harm, from 27 October 2025",
    },
  },
  complaints: {
    ombudsman: {
      name: 'Housing Ombudsman Service',
      contact: 'PO Box 152, Liverpool L33 7WQ; telephone 0300 111 3000; www.housing-ombudsman.org.uk',
      basis: 'Complaint Handling Code: residents are told of their right to refer to the Housing Ombudsman, and how',
    },
    independentStageTwo: {
      required: true,
      basis: 'Complaint Handling Code: stage 2 is handled by someone not involved in the stage 1 response',
    },
    directToStageTwo: { allowed: false, basis: 'Complaint Handling Code: every complaint starts at stage 1' },
    agreedDateWithinTarget: {
      required: true,
      basis:
        "Complaint Handling Code 6.4–6.5: a later date is an extension (with reasons, within the limit, and the Ombudsman's details), not an agreed date",
    },
    statedComplaint: {
      required: true,
      basis:
        'Complaint Handling Code: the acknowledgement sets out our understanding of the complaint and the outcome the resident wants',
    },
    escalationWords,
    nextSteps: {
      'complaint-stage-1': `What you can do next: if you are not happy with this response, you can ask us to escalate your complaint to stage 2. Reply quoting {{ref}}, or phone, write or email us, and tell us why you are unhappy. You can also ask the {{ombudsman}} for advice at any time.`,
      'complaint-stage-2': `This is our final response to your complaint ({{ref}}). If you are still unhappy, you can refer your complaint to the {{ombudsman}}.`,
      basis: "Complaint Handling Code: each response says how to escalate, and the final one the Ombudsman's details",
    },
    templates: complaintTemplates({ contactLine: CONTACT_LINE, extensionOmbudsman: true }),
  },
  privacy: {
    retention: RETENTION_AFTER_CLOSURE,
    disclosure: {
      deciders: { jobTitles: [], roles: ['manager'] },
      basis:
        'Assumed (the policy says only that staff may talk to customers in confidence and that all contact is recorded): a manager decides any disclosure to an outside body',
    },
  },
  contactClocks: {
    voicemailWhileAway: {
      from: 'officer-return',
      basis:
        'Voicemail: "Voicemails should be returned within two working days of the staff member\'s next working day"',
    },
    letter: {
      from: 'arrival',
      basis:
        'Assumed: a letter is received the day it arrives in the post (entered when it is scanned), not when scanned',
    },
  },
  reporting: {
    regulatorReturn: {
      framework: 'tsm',
      yearStartsMonth: 4,
      basis:
        "Regulator of Social Housing, Tenant Satisfaction Measures: Technical Requirements (April 2023): measures are reported for the landlord's financial year, 1 April to 31 March",
    },
    homes: {
      count: 1250,
      basis:
        'Assumed (the customer service policy does not give the stock): 1,250 homes owned and managed at 31 March; replace with the figure from the statistical data return',
    },
    callAnswering: {
      withinSeconds: 15,
      basis:
        'Customer service standards: "Answering incoming calls – 15 seconds"; managers monitor the switchboard monthly',
    },
  },
  // Assumed: a text from the same number within 14 days continues the conversation.
  threading: { smsReplyWindowHours: 336 },
  inbound: {
    // The website's own form mailer writes from this domain with the resident in Reply-To.
    relayAddresses: ['@forms.hightown.example'],
    automaticNoticesPerAddressPerDay: 3,
    basis:
      'Assumed (the policy is silent): RFC 3834 section 2 asks automatic responders not to answer one sender again and again; three a day still acknowledges a resident who writes about several things, and stops a loop with another help desk the same day.',
  },
  contact: {
    phone: '0121 496 0000',
    basis:
      'Assumed: the seed policy gives no phone number; 0121 496 0000 is an Ofcom number reserved for drama, standing in until Hightown gives its own.',
  },
  replyTemplates: replyTemplates({ adviceService: 'Citizens Advice (0800 144 8848)' }),
  // Assumed: officers get two working days' warning; late residents hear again every week.
  notices: {
    warnOwnerWorkingDaysBefore: 2,
    delayUpdateEveryWorkingDays: 5,
    templates: noticeTemplates(CONTACT_LINE),
    milestones: milestoneTemplates(CONTACT_LINE),
  },
};
