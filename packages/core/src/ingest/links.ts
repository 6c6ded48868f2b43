/** Links between a case and the cases its message quoted without continuing them. */
import type { Case, CaseLink, TimelineEntry } from '../cases.js';
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

/**
 * The resident already has a case open (matched by email or phone): the new case is kept apart (the
 * threading rules decide that), and both cases say so, each linking to the other as a possible
 * duplicate for an officer to merge, link or leave.
 */
export function sameResidentLinks(deps: IngestDeps, caseRef: string, messageId: string, open: Case): Links {
  const at = deps.clock.now().toISOString();
  return {
    own: [{ ref: open.ref, relation: 'same-resident', via: 'contact', at, messageId }],
    entries: [
      entryOn(
        deps,
        caseRef,
        'possible-duplicate',
        `The resident already has ${open.ref} open: this may be the same matter (merge or link it)`,
        {
          ref: open.ref,
          relation: 'same-resident',
        },
      ),
    ],
    writes: [
      {
        ref: open.ref,
        expectedUpdatedAt: open.updatedAt,
        updatedAt: at,
        link: { ref: caseRef, relation: 'same-resident', via: 'contact', at, messageId },
        entry: entryOn(
          deps,
          open.ref,
          'possible-duplicate',
          `The same resident got in touch again and ${caseRef} was opened: this may be the same matter (merge or link it)`,
          {
            ref: caseRef,
            relation: 'same-resident',
          },
        ),
      },
    ],
  };
}
