/**
 * Test wiring: a fresh in-memory dynalite (with the local stack's transactions),
 * the real table definition, the real repository and a blob folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type Case,
  type InboundMessageInput,
  type LandlordPolicy,
  ManualClock,
  type OpenCaseWrite,
} from '@housing-inbox/core';
import { startLocalDynamoDB } from '@housing-inbox/local-dynamodb';
import { presets } from '@housing-inbox/policies';
import { createTableInput, DynamoCaseRepository, FileBlobStore } from '@housing-inbox/store';

export interface TestStore {
  repository: DynamoCaseRepository;
  blobs: FileBlobStore;
  client: DynamoDBClient;
  blobDir: string;
  stop(): Promise<void>;
}

export async function startTestStore(
  tableName = 'inbox',
  dbOptions: Parameters<typeof startLocalDynamoDB>[0] = {},
): Promise<TestStore> {
  const db = await startLocalDynamoDB(dbOptions);
  const client = new DynamoDBClient({
    endpoint: db.endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  const blobDir = await mkdtemp(join(tmpdir(), 'inbox-blobs-'));
  return {
    repository: new DynamoCaseRepository({ tableName, awsSdkV3Client: client }),
    blobs: new FileBlobStore(blobDir),
    client,
    blobDir,
    async stop() {
      client.destroy();
      await db.stop();
      await rm(blobDir, { recursive: true, force: true });
    },
  };
}

export const hightown: LandlordPolicy = presets.hightown as LandlordPolicy;
export const blairtummock: LandlordPolicy = presets.blairtummock as LandlordPolicy;

export function clockAt(instant: string): ManualClock {
  return new ManualClock(instant);
}

let counter = 0;
/** An inbound email as a parser would produce it. */
export function email(overrides: Partial<InboundMessageInput> = {}): InboundMessageInput {
  counter++;
  return {
    channel: 'email',
    dedupeKey: `<msg-${counter}-${Math.random().toString(36).slice(2)}@resident.example>`,
    receivedAt: '2026-12-01T10:00:00.000Z',
    from: { name: 'Ada Resident', email: 'ada@resident.example' },
    to: ['contact@hightown.example'],
    subject: 'Question about my rent statement',
    text: 'Hello, could you send me my rent statement for November? Thanks, Ada',
    ...overrides,
  };
}

export function sms(overrides: Partial<InboundMessageInput> = {}): InboundMessageInput {
  counter++;
  return {
    channel: 'sms',
    dedupeKey: `sms-${counter}-${Math.random().toString(36).slice(2)}`,
    receivedAt: '2026-12-01T10:00:00.000Z',
    from: { phone: '+447700900123' },
    to: ['+447700900999'],
    text: 'Hi can someone call me about my tenancy',
    ...overrides,
  };
}

/** The write that opens a case by hand with a one-line inbound message on its own channel (store-level tests). */
export function openCaseWrite(c: Case, messageId = `m-${c.ref}`): OpenCaseWrite {
  return {
    case: c,
    contact: { contact: { id: c.contactId }, isNew: true },
    message: {
      id: messageId,
      caseRef: c.ref,
      direction: 'inbound',
      channel: c.channel,
      receivedAt: c.receivedAt,
      from: {},
      to: [],
      text: 'x',
      attachments: [],
      threading: { inReplyTo: [], references: [] },
    },
    timeline: [],
    delivery: { dedupeKey: `${c.channel}:${c.ref}`, outcome: 'created', at: c.createdAt, caseRef: c.ref },
    threadIds: [],
  };
}

/** A plain Hightown email case received at `receivedAt` (UTC instant), as stored: for tests that write items straight to the table. */
export function storedCase(fields: { ref: string; contactId: string; subject: string; receivedAt: string }): Case {
  const at = fields.receivedAt;
  const day = at.slice(0, 10);
  const respondBy = new Date(Date.parse(`${day}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
  return {
    ...fields,
    policyId: 'hightown',
    channel: 'email',
    kind: 'email',
    classification: { category: 'service-request', kind: 'email', reason: 'test', decidedBy: 'system' },
    status: 'new',
    teamId: 'customer-services',
    targets: { clockStarts: day, acknowledgeBy: null, respondBy },
    restricted: false,
    lastMessageAt: at,
    messageCount: 1,
    createdAt: at,
    updatedAt: at,
  } as unknown as Case;
}
