/** Links between cases (quoted, related, the same resident's, merged, duplicates), as each case holds them. */

/** Why two cases are linked, seen from the case that holds the link. */
export const LINK_RELATIONS = [
  'mentions',
  'mentioned-by',
  'same-message',
  'related',
  'same-resident',
  'merged-from',
  'merged-into',
  'duplicate-of',
  'duplicated-by',
] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];

export interface CaseLink {
  ref: string;
  /**
   * `mentions`: this case's message quoted `ref`; `mentioned-by`: `ref`'s message quoted this case;
   * `same-message`: one message opened both (a complaint that also reports a repair or hazard: two clocks);
   * `related`: an officer linked them; `same-resident`: the same resident has the other case open
   * (a possible duplicate); `merged-from` / `merged-into`, `duplicate-of` / `duplicated-by`: what an
   * officer's merge or close-as-duplicate left.
   */
  relation: LinkRelation;
  /** How it came about: a case reference in the text, a reply to one of the case's emails, the contact, an officer. */
  via: 'reference' | 'email-thread' | 'contact' | 'officer' | 'same-message';
  at: string;
  /** The message that quoted it (ingest's links). */
  messageId?: string;
  /** The officer who linked, merged or closed (officer links). */
  by?: string;
}
