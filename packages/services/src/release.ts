/**
 * Releasing a quarantined delivery (core's `releaseQuarantined`): each channel's
 * payload read back as its transport reads it, without the verdict that held it.
 * The same in the local stack and in the cloud's HTTP function (it reads the
 * payload bucket), so `POST /api/quarantine/{id}/release` works in both.
 */
import { parseSms, parseWebForm } from '@housing-inbox/channels';
import {
  type Channel,
  type IngestDeps,
  type LandlordPolicy,
  type ReleaseParser,
  type ReleaseResult,
  releaseQuarantined,
  UnparseableInput,
} from '@housing-inbox/core';

/** Puts quarantined delivery `id` through ingest as officer `officerId` (a manager: the route checks). */
export type ReleaseQuarantined = (officerId: string, id: string) => Promise<ReleaseResult>;

const text = (body: Uint8Array) => new TextDecoder().decode(body);

function formFields(body: Uint8Array, contentType: string): unknown {
  if (!contentType.toLowerCase().includes('json')) return Object.fromEntries(new URLSearchParams(text(body)));
  try {
    return JSON.parse(text(body));
  } catch {
    throw new UnparseableInput('the form body is not valid JSON', 'web-form');
  }
}

/** Each channel's parser, as its transport calls it; letters are read again by uploading the file. */
export function releaseParsers(policy: LandlordPolicy): Partial<Record<Channel, ReleaseParser>> {
  return {
    // The transport's id when there was one (SES), else the entry's: a second release is a duplicate.
    // The parser is loaded on the first email released (release-email.ts): most HTTP requests release none.
    email: async (entry, { body }) => {
      const { parseEmail } = await import('./release-email.js');
      return parseEmail(body, {
        receivedAt: entry.receivedAt,
        deliveryId: entry.transportId ?? `quarantine:${entry.id}`,
      });
    },
    sms: (entry, { body }) => parseSms(body, { receivedAt: entry.receivedAt }),
    'web-form': (entry, { body, contentType }) =>
      parseWebForm(formFields(body, contentType), { receivedAt: entry.receivedAt, categories: policy.categories }),
  };
}

export function createRelease(ingest: IngestDeps): ReleaseQuarantined {
  const parsers = releaseParsers(ingest.policy);
  return (officerId, id) => releaseQuarantined(ingest, id, officerId, parsers);
}
