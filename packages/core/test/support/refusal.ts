/** The CommandError a decision throws, for asserting its kind, message and fields. */
import { CommandError } from '../../src/commands/run.js';

export function refusal(decide: () => unknown): CommandError {
  try {
    decide();
  } catch (err) {
    if (err instanceof CommandError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

/** The same for a decision that answers with a promise. */
export async function asyncRefusal(decide: () => Promise<unknown>): Promise<CommandError> {
  try {
    await decide();
  } catch (err) {
    if (err instanceof CommandError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}
