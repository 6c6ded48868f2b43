/**
 * A manager links an officer's cloud sign-in (the Cognito user's `sub`, which
 * an unlinked first sign-in is refused with) to their directory entry: the
 * only way a token names an officer (`POST /api/officers/{id}/link-sign-in`).
 */
import { CommandForm } from '../components/Form.js';
import type { Officer } from '../types.js';

export function LinkSignInForm({ officer, onDone }: { officer: Officer; onDone(o: Officer): void }) {
  return (
    <CommandForm
      id={`sign-in-${officer.id}`}
      level={3}
      title={`Link ${officer.name}’s sign-in`}
      description={
        <p>
          Paste the sign-in id their first sign-in was refused with. A sign-in is never matched by email; one linked to
          another officer is refused.
        </p>
      }
      route="POST /api/officers/{id}/link-sign-in"
      params={{ id: officer.id }}
      fields={[
        { name: 'cognitoSub', label: 'Sign-in id', required: true, hint: 'Like 5a1f3c2e-1111-4a41-9a7e-3f1d2a9c8e01' },
        { name: 'replace', label: 'Replace the sign-in already linked', kind: 'checkbox' },
      ]}
      submitLabel="Link sign-in"
      doneMessage="Sign-in linked."
      onDone={onDone}
    />
  );
}
