/** The local outbox as core's `SentCopies`: what a subject access export lists, and what erasure redacts. */
import { ERASED, type SentCopies } from '@housing-inbox/core';
import type { LocalOutbox } from '@housing-inbox/outbound';

export function outboxCopies(outbox: LocalOutbox): SentCopies {
  return {
    async list(caseRefs) {
      const refs = new Set(caseRefs);
      return (await outbox.list())
        .filter((i) => refs.has(i.caseRef))
        .map(({ id, channel, to, subject, body, caseRef, purpose, sentAt }) => ({
          id,
          channel,
          to,
          subject,
          body,
          caseRef,
          purpose,
          sentAt,
        }));
    },
    erase: (caseRefs) => outbox.redact(caseRefs, ERASED),
  };
}
