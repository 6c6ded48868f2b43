import { CASE_COMMANDS, openApiDocument, REQUEST_COMMANDS } from '@housing-inbox/api';
import { describe, expect, it } from 'vitest';

describe('the OpenAPI document', () => {
  const doc = openApiDocument();

  it('is OpenAPI 3.1 with a bearer scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it.each(Object.keys(CASE_COMMANDS))('documents the case command %s', (name) => {
    expect(doc.paths).toHaveProperty([`/api/cases/{ref}/${name}`, 'post', 'summary']);
  });

  it.each(Object.keys(REQUEST_COMMANDS))('documents the department request command %s', (name) => {
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
    expect(Object.keys(doc.paths)).toContain(path);
  });
});
