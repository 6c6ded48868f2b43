import { createApi, type LocalPorts, openApiDocument } from '@housing-inbox/api';
import { WEB_FORM_LIMITS } from '@housing-inbox/channels';
import { CASE_COMMAND_INPUTS, REQUEST_COMMAND_INPUTS } from '@housing-inbox/core/contracts';
import { describe, expect, it } from 'vitest';

type Operation = {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  tags?: string[];
  'x-local'?: boolean;
};

describe('the OpenAPI document', () => {
  const doc = openApiDocument();
  const paths = doc.paths as Record<string, Record<string, Operation>>;

  it('is OpenAPI 3.1 with a bearer scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it.each(Object.keys(CASE_COMMAND_INPUTS))('documents the case command %s', (name) => {
    expect(doc.paths).toHaveProperty([`/api/cases/{ref}/${name}`, 'post', 'summary']);
  });

  it.each(Object.keys(REQUEST_COMMAND_INPUTS))('documents the department request command %s', (name) => {
    expect(doc.paths).toHaveProperty([`/api/cases/{ref}/requests/{id}/${name}`, 'post', 'summary']);
  });

  it.each([
    '/api/cases',
    '/api/cases/{ref}',
    '/api/me',
    '/api/officers',
    '/api/requests',
    '/api/contacts/log',
    '/api/quarantine',
    '/api/reports/monthly',
    '/contact',
  ])('documents %s', (path) => {
    expect(Object.keys(doc.paths ?? {})).toContain(path);
  });

  it('takes the resident form both form-encoded and as JSON, by the same schema', () => {
    const content = paths['/contact']?.post?.requestBody?.content ?? {};
    expect(Object.keys(content).sort()).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    expect(content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/ContactForm' });
    expect(doc.components?.schemas?.ContactForm).toMatchObject({ required: ['name', 'message'] });
  });

  it('documents the form’s limits as its parser enforces them', () => {
    const form = doc.components?.schemas?.ContactForm as { properties?: Record<string, { maxLength?: number }> };
    for (const [field, max] of Object.entries(WEB_FORM_LIMITS)) {
      expect(form.properties?.[field]?.maxLength, field).toBe(max);
    }
  });

  it('describes each command’s body by its schema, limits and plain-words enums included', () => {
    expect(doc.components?.schemas?.ReassignInput).toMatchObject({
      required: ['ownerId', 'reason'],
      properties: { reason: { maxLength: 1000 } },
    });
    expect(doc.components?.schemas?.ReclassifyInput).toMatchObject({
      properties: { category: { enum: ['service-request', 'complaint', 'repair'] } },
    });
  });

  it('marks the local stack’s routes local, and only those', () => {
    const local = Object.entries(paths).flatMap(([path, ops]) =>
      Object.values(ops)
        .filter((op) => op['x-local'])
        .map(() => path),
    );
    expect(new Set(local)).toEqual(
      new Set([
        '/local/sms',
        '/local/letters',
        '/local/outbox',
        '/local/clock',
        '/local/officers',
        '/local/sign-in',
        '/local/quarantine',
      ]),
    );
    for (const ops of Object.values(paths))
      for (const op of Object.values(ops)) expect(op.tags?.includes('local')).toBe(op['x-local'] === true);
  });
});

/**
 * Walks what the router actually serves against what the document says: a
 * route with no schema for its input or its answer fails here.
 */
describe.each([
  ['the cloud router', undefined],
  ['the local stack’s router', {} as LocalPorts],
])('%s, against its document', (_label, local) => {
  const unavailable = () => {
    throw new Error('not needed to list routes');
  };
  const app = createApi({ deps: unavailable, authenticate: unavailable, local });
  const doc = openApiDocument();
  const paths = doc.paths as Record<string, Record<string, Operation>>;
  const served = [
    ...new Map(
      app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => [`${r.method} ${r.path}`, { method: r.method.toLowerCase(), path: r.path }]),
    ).values(),
  ];

  it('serves the routes it should', () => {
    expect(served.length).toBeGreaterThan(30);
    expect(served.some((r) => r.path.startsWith('/local/'))).toBe(local !== undefined);
  });

  it.each(served.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))(
    '%s has its schemas in the document',
    (_name, { method, path }) => {
      const documented = path.replace(/:([^/]+)/g, '{$1}');
      const op = paths[documented]?.[method];
      expect(op, `${method} ${documented} is not in the document`).toBeDefined();
      if (!op) return;
      for (const param of path.match(/:([^/]+)/g) ?? []) {
        expect(op.parameters?.map((p) => p.name)).toContain(param.slice(1));
      }
      if (method === 'post' || method === 'put') {
        const bodies = Object.values(op.requestBody?.content ?? {});
        expect(bodies.length, 'no request body').toBeGreaterThan(0);
        for (const body of bodies) expect(body.schema).toBeDefined();
      }
      const answers = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status) && status !== '204');
      expect(answers.length, 'no success response').toBeGreaterThan(0);
      for (const [status, answer] of answers) {
        const schemas = Object.values(answer.content ?? {}).map((c) => c.schema);
        expect(schemas.length, `${status} has no schema`).toBeGreaterThan(0);
        for (const schema of schemas) expect(schema).toBeDefined();
      }
    },
  );
});
