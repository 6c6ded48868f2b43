/**
 * Blairtummock Housing Association (Scotland). Source: Customer Service Policy
 * (December 2019), and the SPSO Model Complaints Handling Procedure it adopts.
 */
import { noticeTemplates } from './templates.js';

export const blairtummock = {
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
      basis: '5.1: emergency repairs within 24 hours',
    },
    'repair-urgent': {
      acknowledge: null,
      respond: { workingDays: 5, from: 'receipt' },
      basis: '5.1: urgent repairs within 5 working days',
    },
    'repair-standard': {
      acknowledge: null,
      respond: { workingDays: 10, from: 'receipt' },
      basis: '5.1: standard repairs within 10 working days',
    },
    'repair-programmed': {
      acknowledge: null,
      respond: { workingDays: 30, from: 'receipt' },
      basis: '5.1: programmed works within 30 working days',
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
  // Assumed: a text from the same number within 14 days continues the conversation.
  threading: { smsReplyWindowHours: 336 },
  inbound: {
    // The website's own form mailer writes from this domain with the resident in Reply-To.
    relayAddresses: ['@forms.blairtummock.example'],
    automaticNoticesPerAddressPerDay: 3,
    basis:
      'Assumed (the policy is silent): RFC 3834 section 2 asks automatic responders not to answer one sender again and again; three a day still acknowledges a resident who writes about several things, and stops a loop with another help desk the same day.',
  },
  // Assumed: owners warned one working day ahead (targets here are short); updates weekly while late.
  notices: {
    warnOwnerWorkingDaysBefore: 1,
    delayUpdateEveryWorkingDays: 5,
    templates: noticeTemplates('If it is an emergency repair, phone the office straight away.'),
  },
};
