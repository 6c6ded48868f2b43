/**
 * The router must not depend on which package a process imports first: the
 * contracts' schemas are made by core, before or after the OpenAPI library
 * loads. Core is imported first here, as many Lambda and test files do.
 */
import { CASE_KINDS } from '@housing-inbox/core';
import { expect, it } from 'vitest';

it('builds the OpenAPI document when core was imported before the router', async () => {
  expect(CASE_KINDS).toContain('email');
  const { openApiDocument } = await import('../src/app.js');
  const doc = openApiDocument() as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
  expect(Object.keys(doc.paths)).toContain('/contact');
  expect(doc.components.schemas.ContactForm).toMatchObject({ type: 'object' });
});
