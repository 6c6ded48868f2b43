/**
 * Table rows for `it.each(...)('%s', (_title, row) => …)`, each titled from a
 * `$key` template. vitest's own `$key` titles quote strings and cut them at 40
 * characters; these stay whole and readable.
 */
export function titled<T extends object>(rows: readonly T[], template: string): [string, T][] {
  return rows.map((row) => [
    template.replace(/\$(\w+)/g, (_, key: string) => {
      const value = (row as Record<string, unknown>)[key];
      return typeof value === 'string' ? value : JSON.stringify(value);
    }),
    row,
  ]);
}
