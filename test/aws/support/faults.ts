/**
 * Faults injected into a real SDK client: a throttle below its retry strategy
 * (each attempt meets it), so the client's own retries and the callers'
 * handling see it as they would see AWS's answer; and a concurrent call
 * slipped in just before a command, whose real answer from moto is recorded.
 */
/** Any SDK v3 client (its middleware stack's own types differ per client). */
type AnyClient = { middlewareStack: unknown };
type Stack = {
  add: (middleware: unknown, options: { step: string; priority?: string; name: string; override: boolean }) => void;
  remove: (name: string) => boolean;
};

export interface Injected {
  /** Attempts answered with the fault so far. */
  readonly injected: number;
  /** Attempts of that command let through to moto. */
  readonly passed: number;
  /** Takes the fault out of the client again. */
  remove(): void;
}

/** The first `times` attempts of `command` (e.g. `StartExecutionCommand`) fail with a ThrottlingException. */
export function throttle(client: AnyClient, command: string, times: number): Injected {
  const name = `throttle-${command}`;
  const stack = client.middlewareStack as Stack;
  const state = { injected: 0, passed: 0, remove: () => void stack.remove(name) };
  (client.middlewareStack as Stack).add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      if (context.commandName !== command) return next(args);
      if (state.injected < times) {
        state.injected += 1;
        throw Object.assign(new Error('Rate exceeded'), {
          name: 'ThrottlingException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400, attempts: 1 },
        });
      }
      state.passed += 1;
      return next(args);
    },
    // Inside the retry middleware (finalizeRequest, high priority), so each attempt meets the fault.
    { step: 'finalizeRequest', priority: 'low', name, override: true },
  );
  return state;
}

/**
 * Runs `meanwhile` just before the first attempt of a command whose name matches, then lets
 * that attempt go to moto; records the error names moto answered that command with.
 */
export function before(
  client: AnyClient,
  command: RegExp,
  meanwhile: () => Promise<unknown>,
): { errors: string[]; remove(): void } {
  const name = `before-${command.source}`;
  const stack = client.middlewareStack as Stack;
  const seen = { errors: [] as string[], remove: () => void stack.remove(name) };
  let fired = false;
  (client.middlewareStack as Stack).add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      if (!command.test(context.commandName ?? '')) return next(args);
      if (!fired) {
        fired = true;
        await meanwhile();
      }
      try {
        return await next(args);
      } catch (err) {
        seen.errors.push((err as Error).name);
        throw err;
      }
    },
    // Around the whole call (its retries included), so the error seen is the one the caller gets.
    { step: 'initialize', name, override: true },
  );
  return seen;
}
