/** Who is signed in, and the directory the pages need (officers, departments). */
import { createContext, useContext } from 'react';
import type { Api } from './api.js';
import type { ConsoleConfig } from './config.js';
import type { Departments, Me, Officer } from './types.js';

export interface Session {
  config: ConsoleConfig;
  api: Api;
  me: Me;
  officers: Officer[];
  departments: Departments;
  officerName(id: string | null | undefined): string;
  departmentName(id: string): string;
  signOut(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export function isManager(session: Session): boolean {
  return session.me.role === 'manager';
}

export function myId(session: Session): string {
  return session.me.officer?.id ?? '';
}
