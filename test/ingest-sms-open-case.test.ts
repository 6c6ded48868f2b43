/**
 * A text joins the resident's open case without a Query (issue 16, fewer round trips): the
 * number's claim names the case it last wrote on, and the contact's set of cases holds its open
 * cases, kept in the transaction of every case write (open, close, reopen, merge). What a
 * resident notices: a text after their case was closed opens a new one; after a merge it joins
 * the case merged into; a close that lands between ingest's read and its write still wins.
 */
import { DynamoDBClient, UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { type Actor, type CaseCommands, createCaseCommands } from '@housing-inbox/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRequests, type RequestCounter } from '../bench/count-requests.js';
import { type IngestBed, ingestBed, refOf } from './support/ingest.js';

const MANAGER: Actor = { officerId: 'mo', role: 'manager', teamId: 'customer-services' };
const WINDOW_MS = 15 * 24 * 3_600_000; // past Hightown's 336-hour reply window

describe('a text and the resident’s open case', () => {
  let bed: IngestBed;
  let counter: RequestCounter;
  let sizer: DynamoDBClient;
  let commands: CaseCommands;
  let n = 0;

  beforeAll(async () => {
    bed = await ingestBed();
    const endpoint = await bed.store.client.config.endpoint?.();
    sizer = new DynamoDBClient({
      endpoint: `${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    counter = countRequests(bed.store.client, sizer);
    commands = createCaseCommands({
      policy: bed.deps.policy,
      repository: bed.store.repository,
      clock: bed.clock,
      notices: bed.notices().sender,
    });
  });
  afterAll(async () => {
    sizer.destroy();
    await bed.stop();
  });

  const text = (from: string, messageBody: string) => {
    bed.clock.advanceMs(60_000);
    n += 1;
    return bed.sms({
      originationNumber: from,
      destinationNumber: '+447700900100',
      messageBody,
      inboundMessageId: `open-case-${n}`,
    });
  };

  it('opens a new case for a text after the resident’s case was closed, and the next text joins that one', async () => {
    // Arrange
    const closed = refOf(await text('+447700900611', 'The bin store door at Oak Court is broken'));
    await commands.close(MANAGER, closed, { reason: 'Door repaired' });

    // Act
    const after = await counter.measure(() => text('+447700900611', 'Now the bin store light is out too'));
    const next = await counter.measure(() => text('+447700900611', 'It is dark there from 4pm'));

    // Assess: the closed case is left as it was; no Query looked for an open case.
    const opened = await bed.store.repository.findContactByPhone('+447700900611');
    const cases = await bed.store.repository.listCasesOfContact(opened?.id as string);
    expect(cases.map((c) => c.status).sort()).toEqual(['closed', 'new']);
    const fresh = cases.find((c) => c.status !== 'closed')?.ref as string;
    expect(fresh).not.toBe(closed);
    expect((await bed.store.repository.getCaseWithHistory(fresh))?.messages).toHaveLength(2);
    expect((await bed.store.repository.getCaseWithHistory(closed))?.messages).toHaveLength(1);
    // (This bed's timers are told in process: its DeleteItem is the pending plan they took.)
    expect(after.byOperation.Query).toBeUndefined();
    expect(next.byOperation).toMatchObject({ BatchGetItem: 2, TransactWriteItems: 1 });
    expect(next.byOperation.Query).toBeUndefined();
  });

  it('joins a text to the case the resident’s other case was merged into', async () => {
    // Arrange: a case, a second one after the reply window, the second merged into the first.
    const first = refOf(await text('+447700900622', 'Damp in the back bedroom at 3 Ash Row'));
    bed.clock.advanceMs(WINDOW_MS);
    const second = refOf(await text('+447700900622', 'The kitchen tap drips all night'));
    expect(second).not.toBe(first);
    await commands.merge(MANAGER, first, { from: second, reason: 'One visit for both' });

    // Act: the number's claim still names the merged-away case.
    const outcome = await text('+447700900622', 'When is someone coming?');

    // Assess: on the survivor, whose last message is the merged case's.
    expect(outcome).toMatchObject({ outcome: 'threaded', caseRef: first });
    expect((await bed.store.repository.getCase(second))?.mergedInto).toBe(first);
  });

  it('reads the newest open case when the number’s claim names another', async () => {
    // Arrange: two open cases, the claim pointed back at the older one (as after an officer's reply on the newer).
    const older = refOf(await text('+447700900633', 'Fence panel down at 8 Elm Row'));
    bed.clock.advanceMs(WINDOW_MS);
    const newer = refOf(await text('+447700900633', 'Front gate will not shut'));
    await setClaimCase('+447700900633', older);

    // Act
    const counted = await counter.measure(() => text('+447700900633', 'The gate again, please'));

    // Assess: the newer case, with one more read and no Query.
    expect((await bed.store.repository.getCaseWithHistory(newer))?.messages).toHaveLength(2);
    expect((await bed.store.repository.getCaseWithHistory(older))?.messages).toHaveLength(1);
    expect(counted.byOperation).toMatchObject({ BatchGetItem: 3, TransactWriteItems: 1 });
    expect(counted.byOperation.Query).toBeUndefined();
  });

  it('passes over a closed case the contact’s set of cases still names (as a reindex from a lagging index may)', async () => {
    // Arrange: a closed case named open again on the contact's item, beside the open one.
    const closed = refOf(await text('+447700900666', 'Smoke alarm at 2 Rowan Court keeps beeping'));
    await commands.close(MANAGER, closed, { reason: 'Battery changed' });
    const open = refOf(await text('+447700900666', 'Now the hall light flickers'));
    await changeContactCases('+447700900666', {
      UpdateExpression: 'SET #closed = :at',
      ExpressionAttributeNames: { '#closed': `open#${closed}` },
      ExpressionAttributeValues: { ':at': { S: '2026-12-01T10:00:00.000Z' } },
    });

    // Act
    const counted = await counter.measure(() => text('+447700900666', 'Still flickering'));

    // Assess: on the open case, without the Query.
    expect((await bed.store.repository.getCaseWithHistory(open))?.messages).toHaveLength(2);
    expect((await bed.store.repository.getCaseWithHistory(closed))?.messages).toHaveLength(1);
    expect(counted.byOperation.Query).toBeUndefined();
  });

  it('asks the index for a contact whose open cases were not tracked from its start (older data)', async () => {
    // Arrange: the contact's set of cases as an item written before this change would be.
    const ref = refOf(await text('+447700900644', 'Stair lift at Yew House has stopped'));
    await changeContactCases('+447700900644', { UpdateExpression: 'REMOVE openTracked' });

    // Act
    const counted = await counter.measure(() => text('+447700900644', 'Still not working'));

    // Assess
    expect((await bed.store.repository.getCaseWithHistory(ref))?.messages).toHaveLength(2);
    expect(counted.byOperation.Query).toBe(1);
  });

  it('opens a new case when the case is closed between ingest’s read and its write', async () => {
    // Arrange: the close is committed just before the text's first transaction is sent.
    const ref = refOf(await text('+447700900655', 'Broken window at 12 Birch Close'));
    let closing: Promise<unknown> | undefined;
    bed.store.client.middlewareStack.add(
      (next) => async (args) => {
        const target = (args.request as { headers?: Record<string, string> }).headers?.['x-amz-target'] ?? '';
        if (target.endsWith('TransactWriteItems') && !closing) {
          closing = commands.close(MANAGER, ref, { reason: 'Glazier fitted a new pane' });
          await closing;
        }
        return next(args);
      },
      { step: 'build', name: 'closeBeforeTheTextIsWritten' },
    );

    // Act
    const outcome = await text('+447700900655', 'The glazier has not come');
    bed.store.client.middlewareStack.remove('closeBeforeTheTextIsWritten');

    // Assess: the text's append failed on the case's condition, and the retry opened a new case.
    expect(outcome).toMatchObject({ outcome: 'created' });
    expect(refOf(outcome)).not.toBe(ref);
    expect((await bed.store.repository.getCase(ref))?.status).toBe('closed');
    expect((await bed.store.repository.getCaseWithHistory(ref))?.messages).toHaveLength(1);
  });

  /** An update of the `contact-cases` item of the number's contact, as another writer might leave it. */
  async function changeContactCases(
    phone: string,
    update: Pick<UpdateItemCommandInput, 'UpdateExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>,
  ) {
    const contact = await bed.store.repository.findContactByPhone(phone);
    await bed.store.client.send(
      new UpdateItemCommand({
        TableName: 'inbox',
        Key: { pk: { S: `CONTACT#${contact?.id}` }, sk: { S: '#CASES' } },
        ...update,
      }),
    );
  }

  async function setClaimCase(phone: string, ref: string) {
    await bed.store.client.send(
      new UpdateItemCommand({
        TableName: 'inbox',
        Key: { pk: { S: `CONTACT-PHONE#${phone}` }, sk: { S: '#KEY' } },
        UpdateExpression: 'SET caseRef = :ref',
        ExpressionAttributeValues: { ':ref': { S: ref } },
      }),
    );
  }
});
