/** Links between a case and the cases its message quoted without continuing them. */
import type { CaseLink, TimelineEntry } from '../cases.js';
import type { LinkWrite } from '../ports.js';
import { entryOn } from './labels.js';
import type { Mention } from './threading.js';
import type { IngestDeps } from './types.js';

export interface Links {
  /** Added to the case the message lands on. */
  own: CaseLink[];
  /** Its timeline entries. */
  entries: TimelineEntry[];
  /** The link back, on each quoted case. */
  writes: LinkWrite[];
}

export function linksFor(deps: IngestDeps, caseRef: string, messageId: string, mentions: Mention[]): Links {
  const at = deps.clock.now().toISOString();
  const links: Links = { own: [], entries: [], writes: [] };
  for (const { case: other, via } of mentions) {
    const why = via === 'reference' ? 'quoted its reference' : 'replied to one of its emails';
    links.own.push({ ref: other.ref, relation: 'mentions', via, at, messageId });
    links.entries.push(
      entryOn(deps, caseRef, 'case-linked', `Linked to ${other.ref}: this message ${why}, and was kept apart from it`, {
        ref: other.ref,
        relation: 'mentions',
        via,
        messageId,
      }),
    );
    links.writes.push({
      ref: other.ref,
      expectedUpdatedAt: other.updatedAt,
      updatedAt: at,
      link: { ref: caseRef, relation: 'mentioned-by', via, at, messageId },
      entry: entryOn(
        deps,
        other.ref,
        'case-linked',
        `Linked to ${caseRef}, whose message ${why}; it was not added to this case`,
        { ref: caseRef, relation: 'mentioned-by', via },
      ),
    });
  }
  return links;
}
