import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '@housing-inbox/api';
import { describe, expect, it } from 'vitest';
import { type Document, withCommandTables } from '../src/commands-md.js';

const guide = readFileSync(join(import.meta.dirname, '..', 'COMMANDS.md'), 'utf8');
const doc = openApiDocument() as Document;

describe('COMMANDS.md', () => {
  it('has the command tables the OpenAPI document gives (run `npm run commands-md -w @housing-inbox/api`)', () => {
    expect(guide).toBe(withCommandTables(guide, doc));
  });

  it('names only routes the document has', () => {
    // Every `METHOD /path` but the heading's pattern (`/api/cases/{ref}/<command>`).
    const named = [...guide.matchAll(/`(GET|POST|PUT) (\/[^`?\s<]+)[`?]/g)].map(([, method, path]) => [method, path]);
    expect(named.length).toBeGreaterThan(10);
    for (const [method, path] of named) {
      expect(doc.paths?.[path as string], `${method} ${path}`).toHaveProperty([(method as string).toLowerCase()]);
    }
  });
});
