/** `GET /api/letters/needs-reading`: who may list letters to read, what each shows, and paging. */
import { type ApiDeps, createApi } from '@housing-inbox/api';
import { type Case, type CaseWithHistory, ManualClock, type OfficerRole, type QueuePage } from '@housing-inbox/core';
import { presets } from '@housing-inbox/policies';
import { describe, expect, it, vi } from 'vitest';

function letterCase(ref: string, over: Partial<Case> = {}): CaseWithHistory {
  return {
    case: {
      ref,
      policyId: 'hightown',
      channel: 'letter',
      kind: 'letter',
      classification: { category: 'service-request', kind: 'letter', reason: 'default', decidedBy: 'system' },
      status: 'new',
      ownerId: 'olu',
      teamId: 'customer-services',
      contactId: 'c1',
      subject: ',.~ Tlk qg',
      receivedAt: '2026-12-01T10:00:00.000Z',
      targets: { clockStarts: '2026-12-01', acknowledgeBy: null, respondBy: '2026-12-15' },
      restricted: false,
      lastMessageAt: '2026-12-01T10:00:00.000Z',
      messageCount: 1,
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
      needsReading: { reasons: ['OCR confidence 16 is below 60: the text may be wrong'] },
      ...over,
    },
    messages: [
      {
        id: `m-${ref}`,
        caseRef: ref,
        direction: 'inbound',
        channel: 'letter',
        receivedAt: '2026-12-01T10:00:00.000Z',
        from: {},
        to: [],
        text: 'T4k qg ,., 1l|',
        attachments: [
          { filename: 'IMG_2231.jpg', contentType: 'image/jpeg', size: 18_000, blobKey: 'b/1', inline: false },
        ],
        threading: { inReplyTo: [], references: [] },
        scan: { method: 'ocr', confidence: 16, engine: 'tesseract.js 7.0.0', preparation: ['greyscale'] },
      },
    ],
    timeline: [],
    requests: [],
  };
}

const cases = [
  letterCase('HT-2026-000001'),
  letterCase('HT-2026-000002', { restricted: true, ownerId: 'someone-else' }),
  letterCase('HT-2026-000003', { teamId: 'property-services', ownerId: undefined }),
];

function setUp() {
  const listLettersToRead = vi.fn(
    async (_options?: { limit?: number; cursor?: string }): Promise<QueuePage> => ({
      items: cases.map((c) => c.case),
      next: 'page-2',
    }),
  );
  const repository = {
    listOfficers: async () => [],
    listLettersToRead,
    getCaseWithHistory: async (ref: string) => cases.find((c) => c.case.ref === ref),
  };
  const app = createApi({
    deps: () =>
      ({
        policy: presets.hightown,
        repository,
        clock: new ManualClock('2026-12-02T10:00:00Z'),
        blobs: {},
        services: {},
      }) as unknown as ApiDeps,
    authenticate: async (c) => {
      const role = c.req.header('x-role') as OfficerRole;
      return { officerId: role === 'manager' ? 'mo' : 'olu', role, teamId: 'customer-services' };
    },
  });
  const list = (role: OfficerRole, query = '') =>
    app.request(`/api/letters/needs-reading${query}`, { headers: { authorization: 'Bearer x', 'x-role': role } });
  return { list, listLettersToRead };
}

describe('GET /api/letters/needs-reading', () => {
  it('refuses a contributor, without reading the store', async () => {
    const t = setUp();
    const res = await t.list('contributor');

    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect(t.listLettersToRead).not.toHaveBeenCalled();
  });

  it.each([
    ['an officer', 'officer', ['HT-2026-000001']],
    ['reception', 'reception', ['HT-2026-000001']],
    ['a manager', 'manager', ['HT-2026-000001', 'HT-2026-000002', 'HT-2026-000003']],
  ] as const)('shows %s only the letters on cases they may see', async (_label, role, refs) => {
    const res = await setUp().list(role);

    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { ref: string }[] };
    expect(body.items.map((i) => i.ref)).toEqual(refs);
  });

  it('gives the scan’s address beside what OCR read, why it needs reading and the next page', async () => {
    const t = setUp();
    const res = await t.list('officer', '?limit=10&next=page-1');
    const body = await res.json();

    expect(t.listLettersToRead).toHaveBeenCalledWith({ limit: 10, cursor: 'page-1' });
    expect(body).toEqual({
      items: [
        {
          ref: 'HT-2026-000001',
          subject: ',.~ Tlk qg',
          receivedAt: '2026-12-01T10:00:00.000Z',
          status: 'new',
          teamId: 'customer-services',
          ownerId: 'olu',
          reasons: ['OCR confidence 16 is below 60: the text may be wrong'],
          letter: {
            messageId: 'm-HT-2026-000001',
            text: 'T4k qg ,., 1l|',
            from: {},
            confidence: 16,
            engine: 'tesseract.js 7.0.0',
            preparation: ['greyscale'],
            scan: {
              filename: 'IMG_2231.jpg',
              contentType: 'image/jpeg',
              size: 18_000,
              index: 0,
              href: '/api/cases/HT-2026-000001/attachments/m-HT-2026-000001/0',
            },
          },
        },
      ],
      next: 'page-2',
    });
  });

  it('refuses a page size out of range, naming the field', async () => {
    const res = await setUp().list('officer', '?limit=500');
    expect(res.status).toBe(400);
  });
});
