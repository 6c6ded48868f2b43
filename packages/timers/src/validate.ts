/**
 * Validates a state machine definition with asl-validator: the one this
 * package builds, or the one CDK synthesized from it (infra tests pass that).
 */
import aslValidator from 'asl-validator';

export interface DefinitionCheck {
  isValid: boolean;
  errors: string[];
}

export function validateDefinition(
  definition: unknown,
  options: { checkArn?: boolean; checkPaths?: boolean } = {},
): DefinitionCheck {
  // The validator writes defaults into the object it is given: hand it a copy.
  const result = aslValidator(structuredClone(definition), {
    checkArn: options.checkArn ?? true,
    checkPaths: options.checkPaths ?? true,
  });
  return {
    isValid: result.isValid,
    errors: result.isValid ? [] : result.errorsText('\n').split('\n').filter(Boolean),
  };
}
