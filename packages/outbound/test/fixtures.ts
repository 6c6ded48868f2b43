/** A landlord and a letter the tests share. */
import type { OutboundLetter } from '@housing-inbox/core';
import type { LetterLandlord } from '../src/index.js';

export const LANDLORD: LetterLandlord = {
  name: 'Hightown Housing Association',
  addressLines: ['Hightown House', '1 Market Square', 'Hightown', 'HX1 1AA'],
  phone: '01632 960000',
  email: 'housing@hightown.example',
};

export const LETTER: OutboundLetter = {
  id: 'letter-0001',
  caseRef: 'HT-2026-00044',
  purpose: 'reply',
  subject: 'Your question about the garden scheme [HT-2026-00044]',
  body: 'Dear Mr Letter,\n\nThe garden scheme runs every spring. We will write again in March with the dates.\n\nYours sincerely,\nHousing Services',
  to: { name: 'Len Letter', address: '9 Quay Street, Hightown HX2 3EF' },
  largePrint: false,
};

/** 10:00 on 30 November 2026 in London. */
export const NOW = new Date('2026-11-30T10:00:00Z');
