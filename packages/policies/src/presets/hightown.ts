/**
 * Hightown (England). Source: Hightown House Customer Service Policy, issue 1
 * (May 2025), and the Housing Ombudsman Complaint Handling Code for complaints.
 */
import { noticeTemplates } from './templates.js';

export const hightown = {
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
  // Assumed: a text from the same number within 14 days continues the conversation.
  threading: { smsReplyWindowHours: 336 },
  inbound: {
    // The website's own form mailer writes from this domain with the resident in Reply-To.
    relayAddresses: ['@forms.hightown.example'],
    automaticNoticesPerAddressPerDay: 3,
    basis:
      'Assumed (the policy is silent): RFC 3834 section 2 asks automatic responders not to answer one sender again and again; three a day still acknowledges a resident who writes about several things, and stops a loop with another help desk the same day.',
  },
  // Assumed: officers get two working days' warning; late residents hear again every week.
  notices: {
    warnOwnerWorkingDaysBefore: 2,
    delayUpdateEveryWorkingDays: 5,
    templates: noticeTemplates('If it is urgent, call us; reception is open 9am to 5pm, Monday to Friday.'),
  },
};
