/**
 * The officer API over fetch: bearer token, JSON, and errors with their
 * per-field problems. Every call names its route in `ROUTES` (method and
 * OpenAPI path), so its path parameters, query, body and answer are the
 * contracts' types; `packages/api/test/console-routes.test.ts` checks each
 * route against the generated OpenAPI document.
 */
import type {
  AbsenceInput,
  AuditQuery,
  AutomatedQuery,
  CASE_COMMAND_INPUTS,
  CaseCommandName,
  CaseListQuery,
  DeactivateInput,
  LettersToReadQuery,
  LinkSignInInput,
  LogNewContactInput,
  MonthQuery,
  NotificationsReadInput,
  PageQuery,
  QuarantineQuery,
  QuarantineReleaseInput,
  REQUEST_COMMAND_INPUTS,
  ReplyInput,
  RequestCommandName,
  RequestListQuery,
  SearchQuery,
  SignInInput,
} from '@housing-inbox/core/contracts';
import type { z } from 'zod';
import type { Answers, ApiErrorBody } from './types.js';

/**
 * Every route the console calls, as `METHOD /path/{param}` exactly as the
 * OpenAPI document spells it, and the id of the schema it answers with
 * (`binary` for a file).
 */
export const ROUTES = {
  'GET /api/me': 'Me',
  'GET /api/officers': 'OfficerList',
  'GET /api/departments': 'Departments',
  'GET /api/cases': 'CaseList',
  'GET /api/search': 'CaseList',
  'GET /api/cases/{ref}': 'Case',
  'GET /api/cases/{ref}/attachments/{messageId}/{index}': 'binary',
  'GET /api/letters/needs-reading': 'LettersToRead',
  'GET /api/requests': 'RequestList',
  'GET /api/reports/monthly': 'MonthlyReport',
  'GET /api/automated': 'AutomatedList',
  'GET /api/quarantine': 'QuarantineList',
  'POST /api/quarantine/{id}/release': 'QuarantineRelease',
  'GET /api/at-risk': 'AtRiskList',
  'GET /api/cases/{ref}/reply/templates': 'ReplyTemplates',
  'POST /api/cases/{ref}/reply/preview': 'ReplyPreview',
  'POST /api/cases/{ref}/take': 'Case',
  'POST /api/cases/{ref}/reassign': 'Case',
  'POST /api/cases/{ref}/requests': 'Case',
  'POST /api/cases/{ref}/reply': 'Case',
  'POST /api/cases/{ref}/reclassify': 'Case',
  'POST /api/cases/{ref}/escalate': 'Case',
  'POST /api/cases/{ref}/agreed-date': 'Case',
  'POST /api/cases/{ref}/delay': 'Case',
  'POST /api/cases/{ref}/notes': 'Case',
  'POST /api/cases/{ref}/log': 'Case',
  'POST /api/cases/{ref}/flag': 'Case',
  'POST /api/cases/{ref}/unflag': 'Case',
  'POST /api/cases/{ref}/contact': 'Case',
  'POST /api/cases/{ref}/confirm-details': 'Case',
  'POST /api/cases/{ref}/letter-read': 'Case',
  'POST /api/cases/{ref}/restrict': 'Case',
  'POST /api/cases/{ref}/close': 'Case',
  'POST /api/cases/{ref}/reopen': 'Case',
  'POST /api/cases/{ref}/responded': 'Case',
  'POST /api/cases/{ref}/hazard-confirm': 'Case',
  'POST /api/cases/{ref}/hazard-rule-out': 'Case',
  'POST /api/cases/{ref}/investigation-concluded': 'Case',
  'POST /api/cases/{ref}/summary-sent': 'Case',
  'POST /api/cases/{ref}/works-started': 'Case',
  'POST /api/cases/{ref}/repair-completed': 'Case',
  'POST /api/cases/{ref}/alternative-accommodation': 'Case',
  'POST /api/cases/{ref}/complaint-summary': 'Case',
  'POST /api/cases/{ref}/legal-hold': 'Case',
  'POST /api/cases/{ref}/disclosure': 'Case',
  'GET /api/contacts/{id}/export': 'binary',
  'GET /api/audit': 'AuditList',
  'POST /api/officers/{id}/link-sign-in': 'Officer',
  'POST /api/cases/{ref}/merge': 'Case',
  'POST /api/cases/{ref}/link': 'Case',
  'GET /api/contacts/{id}': 'Resident',
  'GET /api/notifications': 'NotificationList',
  'POST /api/notifications/read': 'NotificationList',
  'POST /api/cases/{ref}/requests/{id}/answer': 'Case',
  'POST /api/cases/{ref}/requests/{id}/more-time': 'Case',
  'POST /api/cases/{ref}/requests/{id}/close': 'Case',
  'POST /api/contacts/log': 'LoggedContact',
  'PUT /api/officers/{id}/absence': 'Officer',
  'POST /api/officers/{id}/deactivate': 'Deactivated',
  'GET /local/officers': 'OfficerList',
  'POST /local/sign-in': 'SignIn',
  'GET /local/outbox': 'Outbox',
} as const satisfies Record<`${'GET' | 'POST' | 'PUT'} /${string}`, keyof Answers | 'binary'>;

export type Route = keyof typeof ROUTES;
export type GetRoute = Extract<Route, `GET ${string}`>;

/** What each command route takes: the input of its schema in the contracts. */
type Bodies = {
  [N in CaseCommandName as `POST /api/cases/{ref}/${N}`]: z.input<(typeof CASE_COMMAND_INPUTS)[N]>;
} & {
  [N in RequestCommandName as `POST /api/cases/{ref}/requests/{id}/${N}`]: z.input<(typeof REQUEST_COMMAND_INPUTS)[N]>;
} & {
  'POST /api/contacts/log': z.input<typeof LogNewContactInput>;
  'POST /api/notifications/read': z.input<typeof NotificationsReadInput>;
  'POST /api/quarantine/{id}/release': z.input<typeof QuarantineReleaseInput>;
  'POST /api/cases/{ref}/reply/preview': z.input<typeof ReplyInput>;
  'PUT /api/officers/{id}/absence': z.input<typeof AbsenceInput>;
  'POST /api/officers/{id}/deactivate': z.input<typeof DeactivateInput>;
  'POST /api/officers/{id}/link-sign-in': z.input<typeof LinkSignInInput>;
  'POST /local/sign-in': z.input<typeof SignInInput>;
};

/** The query strings the console sends, by the routes' query schemas. */
type Queries = {
  'GET /api/cases': z.input<typeof CaseListQuery>;
  'GET /api/search': z.input<typeof SearchQuery>;
  'GET /api/requests': z.input<typeof RequestListQuery>;
  'GET /api/reports/monthly': z.input<typeof MonthQuery>;
  'GET /api/automated': z.input<typeof AutomatedQuery>;
  'GET /api/quarantine': z.input<typeof QuarantineQuery>;
  'GET /api/letters/needs-reading': z.input<typeof LettersToReadQuery>;
  'GET /api/audit': z.input<typeof AuditQuery>;
  'GET /api/notifications': Pick<z.input<typeof PageQuery>, 'limit'>;
};

/** A route that takes a body: a command. */
export type CommandRoute = Route & keyof Bodies;
/** A command on one case, by its name in the contracts. */
export type CaseCommandRoute = `POST /api/cases/{ref}/${CaseCommandName}` & Route;
export type BodyOf<R extends CommandRoute> = Bodies[R];
export type AnswerOf<R extends Route> = (Answers & { binary: Blob })[(typeof ROUTES)[R]];

type ParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamNames<Rest> : never;
/** The path's `{params}`, each a string. */
export type ParamsOf<R extends Route> = { [K in ParamNames<R>]: string };
export type QueryOf<R extends Route> = R extends keyof Queries ? Queries[R] : Record<string, never>;

/** A route and its path parameters: what a command form or button is given. */
export interface Call<R extends Route> {
  route: R;
  params: ParamsOf<R>;
}

/** The path of a call, parameters encoded and the query's empty values left out. */
export function pathOf<R extends Route>(route: R, params: ParamsOf<R>, query?: QueryOf<R>): string {
  const template = route.slice(route.indexOf(' ') + 1);
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent((params as Record<string, string>)[name] ?? ''),
  );
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface Api {
  get<R extends GetRoute>(
    route: R,
    params: ParamsOf<R>,
    options?: { query?: QueryOf<R>; signal?: AbortSignal },
  ): Promise<AnswerOf<R>>;
  send<R extends CommandRoute>(route: R, params: ParamsOf<R>, body: BodyOf<R>): Promise<AnswerOf<R>>;
  blob<R extends GetRoute>(route: R, params: ParamsOf<R>): Promise<Blob>;
}

export function createApi(options: { baseUrl?: string; token: () => string | null; onUnauthorised?: () => void }): Api {
  const base = options.baseUrl ?? '';
  const call = async (method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${path.startsWith('/local/') ? '' : base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        credentials: 'omit',
      });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, 'offline', 'The server could not be reached. Check your connection and try again.');
    }
    if (res.ok) return res;
    let error: Partial<ApiErrorBody> = {};
    try {
      error = ((await res.json()) as { error?: Partial<ApiErrorBody> }).error ?? {};
    } catch {
      // not JSON
    }
    if (res.status === 401) options.onUnauthorised?.();
    throw new ApiError(
      res.status,
      error.code ?? String(res.status),
      error.message ?? `The server answered ${res.status}`,
      error.fields ?? {},
    );
  };
  const methodOf = (route: Route) => route.slice(0, route.indexOf(' '));
  // An answer is read as its route's contract: the API builds it from that schema (console-routes.test.ts checks which).
  const json = async <T>(res: Promise<Response>): Promise<T> => (await res).json() as Promise<T>;
  return {
    get: (route, params, opts) => json(call('GET', pathOf(route, params, opts?.query), undefined, opts?.signal)),
    send: (route, params, body) => json(call(methodOf(route), pathOf(route, params), body ?? {})),
    blob: async (route, params) => (await call('GET', pathOf(route, params))).blob(),
  };
}
