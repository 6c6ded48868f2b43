/** OpenAPI 3.1 description of every /api route and of POST /contact. */
import { CASE_KINDS, CASE_STATUSES, CHANNELS, REPLY_CHANNELS } from '@housing-inbox/core';

const error = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        fields: { type: 'object', additionalProperties: { type: 'string' }, description: 'Per-field problems' },
      },
    },
  },
};

const targets = {
  type: 'object',
  properties: {
    clockStarts: { type: 'string', description: 'Local date (YYYY-MM-DD) or, for an hours target, an instant' },
    acknowledgeBy: { type: ['string', 'null'], description: 'Local date: end of that working day' },
    respondBy: { type: 'string', description: 'Local date (end of that working day) or ISO-8601 instant' },
  },
};

const caseSummary = {
  type: 'object',
  required: ['ref', 'channel', 'kind', 'status', 'ownerId', 'contact', 'subject', 'receivedAt', 'targets'],
  properties: {
    ref: { type: 'string', examples: ['HT-2026-000123'] },
    channel: { enum: [...CHANNELS] },
    kind: { enum: [...CASE_KINDS] },
    status: { enum: [...CASE_STATUSES] },
    ownerId: { type: ['string', 'null'] },
    teamId: { type: 'string' },
    contact: {
      type: ['object', 'null'],
      properties: {
        id: { type: 'string' },
        name: { type: ['string', 'null'] },
        email: { type: ['string', 'null'] },
        phone: { type: ['string', 'null'] },
        preferredChannel: { type: ['string', 'null'] },
      },
    },
    subject: { type: 'string' },
    receivedAt: { type: 'string', format: 'date-time' },
    targets,
  },
};

const bearer = [{ bearer: [] }];
const unauthorised = {
  description: 'Missing or invalid bearer token',
  content: { 'application/json': { schema: error } },
};

const contactForm = {
  type: 'object',
  required: ['name', 'message'],
  description: 'At least one of email or phone is required.',
  properties: {
    name: { type: 'string', maxLength: 200 },
    email: { type: 'string', format: 'email' },
    phone: { type: 'string', description: 'UK number' },
    address: { type: 'string' },
    tenancyRef: { type: 'string' },
    category: { type: 'string', description: "One of the landlord policy's categories" },
    message: { type: 'string', maxLength: 10000 },
    preferredChannel: { enum: [...REPLY_CHANNELS] },
    communicationNeeds: { type: 'string', description: 'e.g. large print, interpreter, BSL' },
  },
};

const str = (extra: Record<string, unknown> = {}) => ({ type: 'string', ...extra });
const date = str({ format: 'date', description: 'A local working day (YYYY-MM-DD)' });

/** Case commands: POST /api/cases/{ref}/<command>, each answering with the updated case. */
const CASE_COMMAND_DOCS: Record<
  string,
  { summary: string; who: string; body: Record<string, unknown>; required?: string[] }
> = {
  take: { summary: 'Take ownership', who: 'an officer of the case’s team, or a manager', body: {} },
  reassign: {
    summary: 'Reassign to another officer',
    who: 'manager',
    body: { ownerId: str(), reason: str() },
    required: ['ownerId', 'reason'],
  },
  requests: {
    summary: 'Ask a department for input',
    who: 'owner, manager',
    body: { department: str(), question: str(), dueBy: date },
    required: ['department', 'question', 'dueBy'],
  },
  reply: {
    summary: 'Send the one collated reply on the resident’s channel (409 while a department request is open)',
    who: 'owner, manager',
    body: { body: str(), subject: str() },
    required: ['body'],
  },
  reclassify: {
    summary: 'Reclassify (service request, complaint, repair priority); targets are recomputed',
    who: 'owner, manager',
    body: {
      category: { enum: ['service-request', 'complaint', 'repair'] },
      priority: { enum: ['emergency', 'urgent', 'standard', 'programmed'] },
      reason: str(),
    },
    required: ['category', 'reason'],
  },
  escalate: {
    summary: 'Escalate a stage 1 complaint to stage 2 (England: a different owner)',
    who: 'owner, manager',
    body: { reason: str(), ownerId: str() },
    required: ['reason'],
  },
  'agreed-date': {
    summary: 'Record a reply date agreed with the resident',
    who: 'owner, manager',
    body: { date, note: str() },
    required: ['date'],
  },
  delay: {
    summary: 'Record why the answer is late, optionally with a complaint extension',
    who: 'owner, manager',
    body: { reason: str(), extensionWorkingDays: { type: 'integer', minimum: 1 } },
    required: ['reason'],
  },
  notes: {
    summary: 'Add an internal note',
    who: 'anyone who may see the case',
    body: { text: str() },
    required: ['text'],
  },
  log: {
    summary: 'Log a phone message, voicemail or visit on this case',
    who: 'anyone who may see the case',
    body: { kind: { enum: ['phone-message', 'voicemail', 'visit'] }, summary: str() },
    required: ['kind', 'summary'],
  },
  flag: {
    summary: 'Flag the contact under the unacceptable behaviour policy',
    who: 'owner, team officer, manager',
    body: { reason: str() },
    required: ['reason'],
  },
  unflag: {
    summary: 'Lift the unacceptable behaviour flag',
    who: 'manager',
    body: { reason: str() },
    required: ['reason'],
  },
  contact: {
    summary: 'Update contact preferences and communication needs',
    who: 'owner, manager',
    body: {
      preferredChannel: { enum: [...REPLY_CHANNELS] },
      communicationNeeds: str(),
      largePrint: { type: 'boolean' },
      channelsToAvoid: { type: 'array', items: { enum: [...REPLY_CHANNELS] } },
      address: str(),
    },
  },
  restrict: {
    summary: 'Restrict the case to its owner and managers, or lift that',
    who: 'manager',
    body: { restricted: { type: 'boolean' }, reason: str() },
    required: ['restricted', 'reason'],
  },
  close: { summary: 'Close the case', who: 'owner, manager', body: { reason: str() }, required: ['reason'] },
  reopen: { summary: 'Reopen a closed case', who: 'owner, manager', body: { reason: str() }, required: ['reason'] },
};

const REQUEST_COMMAND_DOCS: Record<string, { summary: string; body: Record<string, unknown>; required: string[] }> = {
  answer: {
    summary: 'Answer a department request (the request’s department)',
    body: { answer: str() },
    required: ['answer'],
  },
  'more-time': {
    summary: 'Ask for more time on a department request',
    body: { until: date, reason: str() },
    required: ['until', 'reason'],
  },
  close: {
    summary: 'Close a department request without an answer (owner, manager)',
    body: { reason: str() },
    required: ['reason'],
  },
};

function commandPaths(bearerSecurity: unknown, unauthorised: unknown) {
  const refParam = { name: 'ref', in: 'path', required: true, schema: { type: 'string' } };
  const responses = {
    '200': {
      description: 'The updated case',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/CaseDetail' } } },
    },
    '400': { description: 'Invalid input, each field named', content: { 'application/json': { schema: error } } },
    '401': unauthorised,
    '403': { description: 'Your role does not allow this', content: { 'application/json': { schema: error } } },
    '404': { description: 'No such case, or not one you may see', content: { 'application/json': { schema: error } } },
    '409': {
      description: 'The case’s state does not allow this now',
      content: { 'application/json': { schema: error } },
    },
  };
  const paths: Record<string, unknown> = {};
  for (const [name, doc] of Object.entries(CASE_COMMAND_DOCS)) {
    paths[`/api/cases/{ref}/${name}`] = {
      post: {
        summary: doc.summary,
        description: `Who: ${doc.who}. Adds a timeline entry.`,
        security: bearerSecurity,
        parameters: [refParam],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { type: 'object', properties: doc.body, required: doc.required ?? [] } },
          },
        },
        responses,
      },
    };
  }
  for (const [name, doc] of Object.entries(REQUEST_COMMAND_DOCS)) {
    paths[`/api/cases/{ref}/requests/{id}/${name}`] = {
      post: {
        summary: doc.summary,
        security: bearerSecurity,
        parameters: [refParam, { name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', properties: doc.body, required: doc.required } } },
        },
        responses,
      },
    };
  }
  const ok = (description: string) => ({
    description,
    content: { 'application/json': { schema: { type: 'object' } } },
  });
  Object.assign(paths, {
    '/api/quarantine': {
      get: {
        summary: 'Inbound payloads that could not be parsed, with the reason and the raw payload’s key (managers)',
        security: bearerSecurity,
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
        ],
        responses: {
          '200': ok('{ items: [{ id, channel, receivedAt, reason, rawKey }] }'),
          '401': unauthorised,
          '403': { description: 'Managers only' },
        },
      },
    },
    '/api/reports/monthly': {
      get: {
        summary: 'The month’s figures: contacts per channel, phone messages answered, targets met (managers)',
        security: bearerSecurity,
        parameters: [
          {
            name: 'month',
            in: 'query',
            schema: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$' },
            description: 'YYYY-MM (landlord’s local month of receipt); the current month by default',
          },
        ],
        responses: {
          '200': ok('The report: contacts, cases, phoneMessages, acknowledgements, responses, complaints'),
          '400': { description: 'Malformed month' },
          '401': unauthorised,
          '403': { description: 'Managers only' },
        },
      },
    },
    '/api/me': {
      get: {
        summary: 'The signed-in officer',
        security: bearerSecurity,
        responses: { '200': ok('The officer, role and team'), '401': unauthorised },
      },
    },
    '/api/officers': {
      get: {
        summary: 'The directory of officers',
        security: bearerSecurity,
        responses: { '200': ok('{ items }'), '401': unauthorised },
      },
    },
    '/api/departments': {
      get: {
        summary: 'The landlord’s departments and web form categories',
        security: bearerSecurity,
        responses: { '200': ok('{ items, categories }'), '401': unauthorised },
      },
    },
    '/api/requests': {
      get: {
        summary: 'Department requests waiting for my team',
        security: bearerSecurity,
        parameters: [{ name: 'status', in: 'query', schema: { enum: ['open', 'done'], default: 'open' } }],
        responses: { '200': ok('{ items }'), '401': unauthorised },
      },
    },
    '/api/cases/{ref}/attachments/{messageId}/{index}': {
      get: {
        summary: 'An attachment or letter scan of a message',
        security: bearerSecurity,
        parameters: [
          refParam,
          { name: 'messageId', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'index', in: 'path', required: true, schema: { type: 'integer' } },
        ],
        responses: {
          '200': { description: 'The file (images and PDFs inline, others as downloads)' },
          '401': unauthorised,
          '404': { description: 'Not found' },
        },
      },
    },
    '/api/contacts/log': {
      post: {
        summary: 'Log a phone message, voicemail or visit as a new contact',
        security: bearerSecurity,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['kind', 'summary'],
                properties: {
                  kind: { enum: ['phone-message', 'voicemail', 'visit'] },
                  summary: str(),
                  name: str(),
                  email: str(),
                  phone: str(),
                  address: str(),
                  preferredChannel: { enum: [...REPLY_CHANNELS] },
                  communicationNeeds: str(),
                },
              },
            },
          },
        },
        responses: {
          '201': ok('{ ref, outcome }'),
          '400': { description: 'Invalid', content: { 'application/json': { schema: error } } },
          '401': unauthorised,
        },
      },
    },
    '/api/officers/{id}/absence': {
      put: {
        summary: 'Set (or clear with {}) an officer’s absence: no new cases, the line manager covers',
        security: bearerSecurity,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          content: { 'application/json': { schema: { type: 'object', properties: { from: date, to: date } } } },
        },
        responses: {
          '200': ok('The officer'),
          '400': { description: 'Invalid dates' },
          '401': unauthorised,
          '403': { description: 'Not allowed' },
        },
      },
    },
    '/api/officers/{id}/deactivate': {
      post: {
        summary: 'Record a leaver: open cases move to reception, each move recorded',
        security: bearerSecurity,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { type: 'object', required: ['reason'], properties: { reason: str() } } },
          },
        },
        responses: { '200': ok('{ officer, moved }'), '401': unauthorised, '403': { description: 'Managers only' } },
      },
    },
  });
  return paths;
}

export function openApiDocument(serverUrl?: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'housing-inbox API',
      version: '0.1.0',
      description: 'Cases, queues and the resident contact form of housing-inbox.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Cognito in the cloud; `npx inbox token` on the local stack',
        },
      },
      schemas: {
        Error: error,
        CaseSummary: caseSummary,
        CaseDetail: {
          allOf: [
            { $ref: '#/components/schemas/CaseSummary' },
            {
              type: 'object',
              properties: {
                classification: { type: 'object' },
                messages: { type: 'array', items: { type: 'object' } },
                timeline: { type: 'array', items: { type: 'object' } },
                requests: { type: 'array', items: { type: 'object' } },
                effectiveRespondBy: { type: 'string' },
                workingDaysLeft: { type: ['integer', 'null'] },
                overdue: { type: 'boolean' },
              },
            },
          ],
        },
        ContactForm: contactForm,
        Targets: targets,
      },
    },
    paths: {
      '/api/cases': {
        get: {
          summary: 'A queue of cases, nearest target first',
          security: bearer,
          parameters: [
            {
              name: 'queue',
              in: 'query',
              schema: { enum: ['mine', 'team', 'all'], default: 'mine' },
              description: '`all` is for managers',
            },
            { name: 'status', in: 'query', schema: { enum: ['open', 'closed'], default: 'open' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
            { name: 'next', in: 'query', schema: { type: 'string' }, description: 'Cursor from the previous page' },
          ],
          responses: {
            '200': {
              description: 'One page of the queue',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['items', 'next'],
                    properties: {
                      items: { type: 'array', items: { $ref: '#/components/schemas/CaseSummary' } },
                      next: { type: ['string', 'null'] },
                    },
                  },
                },
              },
            },
            '400': { description: 'Invalid query', content: { 'application/json': { schema: error } } },
            '401': unauthorised,
            '403': {
              description: 'Queue not allowed for this role',
              content: { 'application/json': { schema: error } },
            },
          },
        },
      },
      '/api/cases/{ref}': {
        get: {
          summary: 'One case with its messages and timeline',
          security: bearer,
          parameters: [{ name: 'ref', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'The case',
              content: {
                'application/json': {
                  schema: {
                    allOf: [
                      { $ref: '#/components/schemas/CaseSummary' },
                      {
                        type: 'object',
                        properties: {
                          classification: { type: 'object' },
                          messages: { type: 'array', items: { type: 'object' } },
                          timeline: { type: 'array', items: { type: 'object' } },
                        },
                      },
                    ],
                  },
                },
              },
            },
            '401': unauthorised,
            '404': {
              description: 'No such case, or not one this officer may see',
              content: { 'application/json': { schema: error } },
            },
          },
        },
      },
      ...commandPaths(bearer, unauthorised),
      '/api/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 document' } } },
      },
      '/contact': {
        post: {
          summary: 'The resident contact form',
          requestBody: {
            required: true,
            content: {
              'application/x-www-form-urlencoded': { schema: { $ref: '#/components/schemas/ContactForm' } },
              'application/json': { schema: { $ref: '#/components/schemas/ContactForm' } },
            },
          },
          responses: {
            '201': {
              description: 'JSON submission accepted',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['ref'],
                    properties: { ref: { type: 'string' }, respondBy: { type: 'string' } },
                  },
                },
              },
            },
            '303': {
              description: 'Form submission accepted: redirect to the confirmation page with the case reference',
            },
            '400': { description: 'Invalid fields, each named', content: { 'application/json': { schema: error } } },
            '413': { description: 'Submission too large' },
            '429': { description: 'Too many submissions from this address' },
          },
        },
      },
    },
  };
}
