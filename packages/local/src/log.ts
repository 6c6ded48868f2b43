/**
 * One JSON line per event, on stderr. Callers pass ids, channels and outcomes
 * only: no names, addresses, numbers or message text.
 */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export const quietLogger: Logger = { info: () => {}, error: () => {} };

export function jsonLogger(write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const emit = (level: string, event: string, fields?: Record<string, unknown>) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`);
  return {
    info: (event, fields) => emit('info', event, fields),
    error: (event, fields) => emit('error', event, fields),
  };
}
