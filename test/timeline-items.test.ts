/**
 * A new case's opening timeline entries as one item (issue 16, write units), on the real store:
 * the timeline a case shows (console, export, the timers) is exactly the entries ingest wrote,
 * in order, as when each was an item of its own; erasure rewrites each entry in the group and
 * a merge moves the group; a timeline stored one entry an item before this reads the same.
 */

import { DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor, OpenCaseWrite, TimelineEntry } from '@housing-inbox/core';
import { keys } from '@housing-inbox/store';
import { describe, expect, it } from 'vitest';
import { ingestBedPerTest, privacyOn, refOf } from './support/ingest.js';
import { rawEmail } from './support/mail.js';

const MANAGER: Actor = { officerId: 'mo', role: 'manager', teamId: 'customer-services' };

describe('a new case’s opening timeline entries in one item', () => {
  const bed = ingestBedPerTest();

  /** Files an email, keeping the timeline ingest handed the store to open the case. */
  async function fileRecordingTimeline(id: string) {
    const written: TimelineEntry[] = [];
    const repository = bed.deps.repository;
    const openCase = repository.openCase.bind(repository);
    repository.openCase = async (write: OpenCaseWrite) => {
      written.push(...write.timeline);
      return openCase(write);
    };
    try {
      const ref = refOf(
        await bed.email(rawEmail({ id, subject: 'Rent statement', body: 'Please send my rent statement.' })),
      );
      return { ref, written };
    } finally {
      repository.openCase = openCase;
    }
  }

  const TABLE = 'inbox';
  const db = () => DynamoDBDocumentClient.from(bed.store.client);
  /** The case's timeline items as stored. */
  async function timelineItems(ref: string) {
    const out = await db().send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tl)',
        ExpressionAttributeValues: { ':pk': keys.case(ref).pk, ':tl': 'TL#' },
        ConsistentRead: true,
      }),
    );
    return out.Items ?? [];
  }
  const timelineItemCount = async (ref: string) => (await timelineItems(ref)).length;

  it('reads back exactly the entries ingest wrote, in order, from one item', async () => {
    const { ref, written } = await fileRecordingTimeline('tl-1');
    expect(written.length).toBeGreaterThanOrEqual(4);

    const found = await bed.store.repository.getCaseWithHistory(ref);
    // What a store of one item an entry gave back: each entry as written.
    expect(found?.timeline).toEqual(written);
    expect(await timelineItemCount(ref)).toBe(1);
  });

  it('erases every entry of the group, keeping each entry’s type, time and order', async () => {
    const { ref, written } = await fileRecordingTimeline('tl-2');
    const contactId = (await bed.store.repository.getCase(ref))?.contactId as string;
    await privacyOn(bed).eraseContact(MANAGER, contactId, 'Article 17');

    const timeline = (await bed.store.repository.getCaseWithHistory(ref))?.timeline ?? [];
    expect(timeline.slice(0, written.length).map((t) => [t.id, t.type, t.at])).toEqual(
      written.map((t) => [t.id, t.type, t.at]),
    );
    for (const entry of timeline.slice(0, written.length)) expect(entry.summary).toBe(`${entry.type}: [erased]`);
    expect(JSON.stringify(timeline)).not.toContain('rent statement');
  });

  it('reads a timeline stored one entry an item (before this change) as before', async () => {
    const { ref, written } = await fileRecordingTimeline('tl-3');
    // Rewritten as the earlier store kept it: an item per entry, numbered in order.
    const [group] = await timelineItems(ref);
    await db().send(new DeleteCommand({ TableName: TABLE, Key: { pk: group?.pk, sk: group?.sk } }));
    for (const [seq, t] of written.entries()) {
      const item = { ...keys.timeline(t.caseRef, t.at, seq, t.id), entity: 'timeline', ...t };
      await db().send(new PutCommand({ TableName: TABLE, Item: item }));
    }

    expect(await timelineItemCount(ref)).toBe(written.length);
    expect((await bed.store.repository.getCaseWithHistory(ref))?.timeline).toEqual(written);
  });
});
