/**
 * Ingest's lookups in one round trip: every item ingest can name before reading
 * anything (delivery markers, contact claims, quoted cases, email thread ids,
 * the officer directory, the timer generations of cases; with a contact, its
 * open cases) in one strongly consistent BatchGetItem, told apart by their keys.
 */
import type {
  Case,
  Contact,
  DeliveryRecord,
  IngestReadRequest,
  IngestReads,
  Officer,
  OpenCasesOfContact,
} from '@housing-inbox/core';
import { type Key, keys } from './keys.js';
import { OPEN_ATTRIBUTE_PREFIX } from './lookup-writes.js';
import { DIRECTORY_SNAPSHOT } from './officers.js';
import { type Item, strip, type Table } from './table.js';

export async function readForIngest(table: Table, request: IngestReadRequest): Promise<IngestReads> {
  const wanted: [Key, (item: Item, out: IngestReads) => void][] = [
    ...(request.deliveryKeys ?? []).map((k): [Key, (i: Item, o: IngestReads) => void] => [
      keys.delivery(k),
      (i, o) => o.deliveries.set(k, strip<DeliveryRecord>(i)),
    ]),
    ...(request.emails ?? []).map((e): [Key, (i: Item, o: IngestReads) => void] => [
      keys.contactEmail(e),
      (i, o) => o.contactIdByEmail.set(e, String(i.contactId)),
    ]),
    ...(request.phones ?? []).map((p): [Key, (i: Item, o: IngestReads) => void] => [
      keys.contactPhone(p),
      (i, o) => {
        o.contactIdByPhone.set(p, String(i.contactId));
        if (typeof i.caseRef === 'string') o.caseRefByPhone?.set(p, i.caseRef);
      },
    ]),
    ...(request.contactIds ?? []).flatMap((id): [Key, (i: Item, o: IngestReads) => void][] => [
      [keys.contact(id), (i, o) => o.contacts.set(id, strip<Contact>(i))],
      // Its open cases, kept on its set of cases by every case write (`caseLookupWrites`).
      [keys.contactCases(id), (i, o) => o.openCases?.set(id, openCasesOf(i))],
    ]),
    ...(request.caseRefs ?? []).map((ref): [Key, (i: Item, o: IngestReads) => void] => [
      keys.case(ref),
      (i, o) => o.cases.set(ref, strip<Case>(i)),
    ]),
    ...(request.threadIds ?? []).map((id): [Key, (i: Item, o: IngestReads) => void] => [
      keys.thread(id),
      (i, o) => o.threads.set(id.toLowerCase(), String(i.caseRef)),
    ]),
    ...(request.timerGenerations ?? []).map((ref): [Key, (i: Item, o: IngestReads) => void] => [
      keys.timerGeneration(ref),
      (i, o) => {
        if (typeof i.generation === 'number' && i.generation >= 1) o.timerGenerations?.set(ref, i.generation);
      },
    ]),
    ...(request.officers
      ? [
          [
            DIRECTORY_SNAPSHOT,
            (i: Item, o: IngestReads) => {
              o.officers = i.officers as Officer[];
            },
          ] as [Key, (i: Item, o: IngestReads) => void],
        ]
      : []),
  ];
  const out: IngestReads = {
    deliveries: new Map(),
    contactIdByEmail: new Map(),
    contactIdByPhone: new Map(),
    contacts: new Map(),
    cases: new Map(),
    threads: new Map(),
    caseRefByPhone: new Map(),
    openCases: new Map(),
    // 1 until read otherwise: a case's first execution `<ref>-1` is started without writing it.
    ...(request.timerGenerations?.length
      ? { timerGenerations: new Map(request.timerGenerations.map((ref) => [ref, 1])) }
      : {}),
  };
  if (wanted.length === 0) return out;
  const byKey = new Map(wanted.map(([key, take]) => [`${key.pk}\u0000${key.sk}`, take]));
  for (const item of await table.getItems(
    wanted.map(([key]) => key),
    { consistent: true },
  )) {
    byKey.get(`${item.pk}\u0000${item.sk}`)?.(item, out);
  }
  return out;
}

/** The open cases a contact's set of cases holds (`open#<ref>`); complete only if tracked from its start. */
function openCasesOf(item: Item): OpenCasesOfContact {
  const open = Object.keys(item)
    .filter((name) => name.startsWith(OPEN_ATTRIBUTE_PREFIX))
    .map((name) => name.slice(OPEN_ATTRIBUTE_PREFIX.length));
  return { complete: item.openTracked === true, open };
}
