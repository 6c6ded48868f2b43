/** Rewrites COMMANDS.md's command tables from the OpenAPI document. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../src/app.js';
import { type Document, withCommandTables } from '../src/commands-md.js';

const file = join(import.meta.dirname, '..', 'COMMANDS.md');
writeFileSync(file, withCommandTables(readFileSync(file, 'utf8'), openApiDocument() as Document));
console.log(`rewrote ${file}`);
