/** Rewrites src/route-table.json: the cloud router's routes and their groups (app.ts `routeTable`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { routeTable } from '../src/app.js';

const file = join(import.meta.dirname, '..', 'src', 'route-table.json');
writeFileSync(file, `${JSON.stringify(routeTable()).replaceAll('],[', '],\n [')}\n`);
console.log(`rewrote ${file}`);
