/**
 * The whole resident (issue 14): their flags, preferred channel and needs,
 * every case the officer may open, and every message and notice on those cases
 * across channels, newest first. Linked from every case page; polls like the rest.
 */
import { ApiError } from '../api.js';
import { Due } from '../components/Due.js';
import { ActivityMarkers } from '../components/Together.js';
import { formatInstant, formatTarget } from '../format.js';
import { usePageTitle, usePolling } from '../hooks.js';
import { humanise } from '../queue.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import type { Resident } from '../types.js';
import { SummaryRow } from './case/SummaryRow.js';

export function ContactPage({ contactId }: { contactId: string }) {
  const session = useSession();
  const { data, error } = usePolling(
    (signal) => session.api.get('GET /api/contacts/{id}', { id: contactId }, { signal }),
    contactId,
  );
  const name = data?.contact.name ?? data?.contact.email ?? data?.contact.phone ?? 'Resident';
  usePageTitle(data ? name : 'Resident', contactId);

  if (error && !data) {
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <>
        <h1>Resident</h1>
        <p className="error-message" role="alert">
          {missing
            ? 'There is no such resident, or none of their cases is one you may see.'
            : `Could not load the resident: ${error.message}`}
        </p>
        <p>
          <Link href="/console/">Back to your queues</Link>
        </p>
      </>
    );
  }
  if (!data) {
    return (
      <>
        <h1>Resident</h1>
        <p role="status">Loading the resident…</p>
      </>
    );
  }
  return <ResidentView resident={data} name={name} />;
}

function ResidentView({ resident, name }: { resident: Resident; name: string }) {
  const session = useSession();
  const { contact, flags } = resident;
  const needs = [flags.communicationNeeds, flags.largePrint ? 'Large print letters' : ''].filter(Boolean).join('; ');
  return (
    <>
      <p className="breadcrumb">
        <Link href="/console/">Queues</Link> <span aria-hidden="true">›</span> Resident
      </p>
      <h1>{name}</h1>
      {flags.unacceptableBehaviour ? (
        <section className="flag-banner" aria-labelledby="resident-flag-heading">
          <h2 id="resident-flag-heading">
            <span aria-hidden="true">⚑ </span>Unacceptable behaviour flag
          </h2>
          <p>{flags.unacceptableBehaviour.reason}</p>
          <p className="muted">
            Set by {session.officerName(flags.unacceptableBehaviour.setBy)} on{' '}
            {formatInstant(flags.unacceptableBehaviour.setAt)}.
          </p>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="details-heading">
        <h2 id="details-heading">Contact details and needs</h2>
        <dl className="summary-list">
          <SummaryRow label="Email">{contact.email}</SummaryRow>
          <SummaryRow label="Phone">{contact.phone}</SummaryRow>
          <SummaryRow label="Address">
            {contact.address ? <span className="pre">{contact.address}</span> : null}
          </SummaryRow>
          <SummaryRow label="Tenancy reference">{contact.tenancyRef}</SummaryRow>
          <SummaryRow label="Preferred reply channel">
            {resident.preferredChannel ? humanise(resident.preferredChannel) : 'Not given'}
          </SummaryRow>
          <SummaryRow label="Communication needs">{needs ? <strong>{needs}</strong> : 'None recorded'}</SummaryRow>
          <SummaryRow label="Opted out of">
            {flags.channelsToAvoid.length ? flags.channelsToAvoid.map(humanise).join(', ') : 'Nothing'}
          </SummaryRow>
        </dl>
      </section>

      <section className="panel" aria-labelledby="cases-heading">
        <h2 id="cases-heading">Cases ({resident.cases.length})</h2>
        {resident.hiddenCases > 0 ? (
          <p className="muted">
            {resident.hiddenCases} more {resident.hiddenCases === 1 ? 'case is' : 'cases are'} not yours to see.
          </p>
        ) : null}
        <table className="queue">
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Status</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {resident.cases.map((c) => (
              <tr key={c.ref}>
                <th scope="row">
                  <Link href={`/console/cases/${c.ref}`}>{c.ref}</Link> <span className="subject">{c.subject}</span>
                  <ActivityMarkers activity={c.activity} />
                </th>
                <td>{humanise(c.status)}</td>
                <td>{c.ownerId ? session.officerName(c.ownerId) : <em>Unassigned</em>}</td>
                <td>
                  <Due countdown={c} /> <span className="muted date">{formatTarget(c.effectiveRespondBy)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="panel" aria-labelledby="contact-messages-heading">
        <h2 id="contact-messages-heading">Messages and notices ({resident.messages.length})</h2>
        <ol className="messages">
          {resident.messages.map((m) => (
            <li key={m.id}>
              <article className={`message message-${m.direction}`} aria-labelledby={`rmsg-${m.id}`}>
                <h3 id={`rmsg-${m.id}`}>
                  {m.direction === 'outbound'
                    ? `${m.purpose ? humanise(m.purpose) : 'Message'} sent by ${humanise(m.channel).toLowerCase()}`
                    : `${humanise(m.channel)} from the resident`}{' '}
                  <span className="muted">
                    on <Link href={`/console/cases/${m.caseRef}`}>{m.caseRef}</Link>
                  </span>
                </h3>
                <p className="muted">
                  <time dateTime={m.receivedAt}>{formatInstant(m.receivedAt)}</time>
                </p>
                {m.subject ? (
                  <p className="message-subject">
                    <strong>Subject:</strong> {m.subject}
                  </p>
                ) : null}
                <div className="message-text">{m.text}</div>
              </article>
            </li>
          ))}
        </ol>
      </section>

      {resident.events.length ? (
        <section className="panel" aria-labelledby="contact-events-heading">
          <h2 id="contact-events-heading">Outside any case</h2>
          <ul>
            {resident.events.map((e) => (
              <li key={e.id}>
                <time dateTime={e.at}>{formatInstant(e.at)}</time>: {e.summary}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
