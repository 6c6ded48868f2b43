/**
 * COMMANDS.md's command tables, generated from the OpenAPI document so the
 * human guide cannot drift from what the router checks:
 * `npm run commands-md -w @housing-inbox/api` rewrites them, and a test fails
 * when the committed file differs.
 */

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
}
interface Operation {
  tags?: string[];
  summary?: string;
  description?: string;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
export interface Document {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const CASE_COMMAND = /^\/api\/cases\/\{ref\}\/(.+)$/;
const WHO = /^Who: ([^.]+)\.\s*(.*?)\s*(Adds a timeline entry; answers with the updated case\.)?$/;

function fields(doc: Document, body: JsonSchema | undefined): string {
  const name = body?.$ref?.split('/').at(-1);
  const schema = name ? doc.components?.schemas?.[name] : body;
  const required = new Set(schema?.required ?? []);
  const parts = Object.entries(schema?.properties ?? {}).map(([field, s]) => {
    const optional = required.has(field) ? '' : '?';
    const values = s.enum ? `: ${s.enum.join('\\|')}` : s.type === 'boolean' ? ': boolean' : '';
    return `${field}${optional}${values}`;
  });
  return parts.length > 0 ? `\`{ ${parts.join(', ')} }\`` : '`{}`';
}

function row(doc: Document, name: string, op: Operation): string {
  const [, who = '', note = ''] = WHO.exec(op.description ?? '') ?? [];
  const body = fields(doc, op.requestBody?.content['application/json']?.schema);
  return `| \`${name}\` | ${op.summary ?? ''} | ${[body, note].filter(Boolean).join(' ')} | ${who} |`;
}

/** The tables, by the name of the marker they go between. */
export function commandTables(doc: Document): Record<'case-commands' | 'other-commands', string> {
  const caseRows: string[] = [];
  const otherRows: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      if (!op.tags?.includes('commands')) continue;
      const command = CASE_COMMAND.exec(path)?.[1];
      if (command) caseRows.push(row(doc, command, op));
      else otherRows.push(row(doc, `${method.toUpperCase()} ${path}`, op));
    }
  }
  return {
    'case-commands': ['| command | what | body | who |', '| --- | --- | --- | --- |', ...caseRows].join('\n'),
    'other-commands': ['| route | what | body | who |', '| --- | --- | --- | --- |', ...otherRows].join('\n'),
  };
}

/** The guide with every generated table replaced by what the document says now. */
export function withCommandTables(markdown: string, doc: Document): string {
  let out = markdown;
  for (const [name, table] of Object.entries(commandTables(doc))) {
    const start = `<!-- generated: ${name} -->`;
    const end = `<!-- end: ${name} -->`;
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`COMMANDS.md has no ${start} … ${end} markers`);
    out = `${out.slice(0, from + start.length)}\n${table}\n${out.slice(to)}`;
  }
  return out;
}
