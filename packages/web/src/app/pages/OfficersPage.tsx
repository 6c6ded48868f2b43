/** The directory: absences (cover by the line manager) and leavers (their cases go to reception). */
import { useState } from 'react';
import { CommandForm } from '../components/Form.js';
import { formatTarget } from '../format.js';
import { usePageTitle } from '../hooks.js';
import { isManager, myId, useSession } from '../session.js';
import type { Officer } from '../types.js';
import { LinkSignInForm } from './LinkSignInForm.js';

export function OfficersPage() {
  usePageTitle('Officers');
  const session = useSession();
  const [officers, setOfficers] = useState<Officer[]>(session.officers);
  const manager = isManager(session);
  const me = myId(session);
  const update = (o: Officer) => setOfficers((all) => all.map((x) => (x.id === o.id ? o : x)));

  return (
    <>
      <h1>Officers</h1>
      <p>Record an absence so the line manager covers; record a leaver so their open cases move to reception.</p>
      <div className="table-wrap">
        <table className="queue">
          <caption>Everyone in the directory</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Department</th>
              <th scope="col">Line manager</th>
              <th scope="col">Away</th>
              <th scope="col">Manage</th>
            </tr>
          </thead>
          <tbody>
            {officers.map((o) => {
              const mayEdit = o.active && (manager || o.id === me || o.lineManagerId === me);
              return (
                <tr key={o.id}>
                  <th scope="row">
                    {o.name}
                    {o.active ? null : <span className="tag">Left</span>}
                  </th>
                  <td>{o.role}</td>
                  <td>{session.departmentName(o.teamId)}</td>
                  <td>{o.lineManagerId ? session.officerName(o.lineManagerId) : '—'}</td>
                  <td>
                    {o.absences.length
                      ? o.absences.map((a) => `${formatTarget(a.from)} to ${formatTarget(a.to)}`).join('; ')
                      : '—'}
                  </td>
                  <td>
                    {mayEdit ? (
                      <details>
                        <summary>
                          Manage <span className="visually-hidden">{o.name}</span>
                        </summary>
                        <AbsenceForm officer={o} onDone={update} />
                        {manager ? <LinkSignInForm officer={o} onDone={update} /> : null}
                        {manager && o.id !== me ? <LeaverForm officer={o} onDone={update} /> : null}
                      </details>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function AbsenceForm({ officer, onDone }: { officer: Officer; onDone(o: Officer): void }) {
  const { api } = useSession();
  const [message, setMessage] = useState<string>();
  const current = officer.absences.at(-1);
  return (
    <>
      <CommandForm
        id={`absence-${officer.id}`}
        level={3}
        title={`Absence of ${officer.name}`}
        route="PUT /api/officers/{id}/absence"
        params={{ id: officer.id }}
        fields={[
          { name: 'from', label: 'From', kind: 'date', required: true, initial: current?.from ?? '' },
          { name: 'to', label: 'To', kind: 'date', required: true, initial: current?.to ?? '' },
        ]}
        submitLabel="Record absence"
        doneMessage="Absence recorded."
        onDone={onDone}
      />
      {officer.absences.length ? (
        <p>
          <button
            type="button"
            className="link-button"
            onClick={async () => {
              try {
                onDone(await api.send('PUT /api/officers/{id}/absence', { id: officer.id }, {}));
                setMessage('Absence cleared.');
              } catch (err) {
                setMessage((err as Error).message);
              }
            }}
          >
            Clear the absence
          </button>{' '}
          <span role="status">{message ?? ''}</span>
        </p>
      ) : null}
    </>
  );
}

function LeaverForm({ officer, onDone }: { officer: Officer; onDone(o: Officer): void }) {
  return (
    <CommandForm
      id={`leaver-${officer.id}`}
      level={3}
      title={`${officer.name} has left`}
      description={<p>Their open cases move to reception, each move recorded on the case.</p>}
      route="POST /api/officers/{id}/deactivate"
      params={{ id: officer.id }}
      fields={[{ name: 'reason', label: 'Reason', kind: 'textarea', required: true }]}
      submitLabel="Record leaver"
      doneMessage="Recorded: their cases have moved."
      onDone={(r) => onDone(r.officer)}
      danger
    />
  );
}
