/** The landlord's staff as the product knows them: role, team, line manager, absences, sign-in. */
import type { LocalDate } from './dates.js';

export type OfficerRole = 'officer' | 'contributor' | 'manager' | 'reception';

export interface Absence {
  from: LocalDate;
  to: LocalDate;
  setBy: string;
}

export interface Officer {
  id: string;
  name: string;
  email: string;
  role: OfficerRole;
  /** The department (team) the officer works in. */
  teamId: string;
  lineManagerId?: string;
  active: boolean;
  /** Planned or recorded absences: no new cases, and cover by the line manager, while away. */
  absences?: Absence[];
  /** Patches the officer is named for: tenancy reference or postcode prefixes (e.g. "HX1", "T-NORTH"). */
  patches?: string[];
  deactivatedAt?: string;
  /** The officer's cloud sign-in (Cognito `sub`), linked once by a manager: the only way a token names them. */
  cognitoSub?: string;
  /** The officer's post (e.g. "Housing Services Manager"): policies name decision-makers by it. */
  jobTitle?: string;
}

export function isAway(officer: Officer, today: LocalDate): boolean {
  return (officer.absences ?? []).some((a) => a.from <= today && today <= a.to);
}
