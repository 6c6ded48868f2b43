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
      schemas: { Error: error, CaseSummary: caseSummary, ContactForm: contactForm, Targets: targets },
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
