/** The officers the ingest tests seed (no vitest import: the fuzz runner uses them outside vitest). */
import type { Officer } from '@housing-inbox/core';

/** Two income officers (routing shares work between them), one per other team, reception and a manager. */
export const OFFICERS: Officer[] = [
  { id: 'olu', name: 'Olu Income', email: 'olu@hightown.example', role: 'officer', teamId: 'income', active: true },
  { id: 'ina', name: 'Ina Income', email: 'ina@hightown.example', role: 'officer', teamId: 'income', active: true },
  {
    id: 'cara',
    name: 'Cara Customer',
    email: 'cara@hightown.example',
    role: 'officer',
    teamId: 'customer-services',
    active: true,
  },
  {
    id: 'pat',
    name: 'Pat Property',
    email: 'pat@hightown.example',
    role: 'officer',
    teamId: 'property-services',
    active: true,
  },
  {
    id: 'mo',
    name: 'Mo Manager',
    email: 'mo@hightown.example',
    role: 'manager',
    teamId: 'customer-services',
    active: true,
  },
];
