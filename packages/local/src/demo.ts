/**
 * `npm start -- --demo`: a few realistic contacts on every channel, ingested
 * through the same use case as real ones. Their delivery ids are fixed, so
 * running the demo twice adds nothing the second time.
 */
import { type InboundMessageInput, type IngestDeps, ingestMessage } from '@housing-inbox/core';

function daysAgo(now: Date, days: number, hour: number): string {
  const d = new Date(now.getTime() - days * 86_400_000);
  d.setUTCHours(hour, 12, 0, 0);
  return d.toISOString();
}

export function demoMessages(now: Date, landlordDomain: string): InboundMessageInput[] {
  return [
    {
      channel: 'email',
      dedupeKey: '<demo-rent-statement@resident.example>',
      receivedAt: daysAgo(now, 6, 9),
      from: { name: 'Joan Whitfield', email: 'joan.whitfield@resident.example' },
      to: [`contact@${landlordDomain}`],
      subject: 'Rent statement for my flat',
      text: 'Hello,\n\nCould you send me a rent statement for the last six months? I need it for my housing benefit review.\n\nThank you,\nJoan Whitfield\n14 Elm Court',
      threading: { messageId: '<demo-rent-statement@resident.example>', inReplyTo: [], references: [] },
    },
    {
      channel: 'email',
      dedupeKey: '<demo-complaint@resident.example>',
      receivedAt: daysAgo(now, 3, 14),
      from: { name: 'Marcus Bell', email: 'marcus.bell@resident.example' },
      to: [`contact@${landlordDomain}`],
      subject: 'Complaint about repeated missed appointments',
      text: 'I want to make a formal complaint. Your contractor has missed three appointments to fix my bathroom extractor fan and nobody has called me back. I am not happy with the service.',
      threading: { messageId: '<demo-complaint@resident.example>', inReplyTo: [], references: [] },
    },
    {
      channel: 'sms',
      dedupeKey: 'demo-sms-1',
      receivedAt: daysAgo(now, 1, 19),
      from: { phone: '+447700900456' },
      to: ['+447700900000'],
      text: 'Water leaking through my kitchen ceiling from the flat above. Flat 3, 22 Mill Lane. Please call',
    },
    {
      channel: 'web-form',
      dedupeKey: 'demo-webform-1',
      receivedAt: daysAgo(now, 2, 11),
      from: {
        name: 'Priti Shah',
        email: 'priti.shah@resident.example',
        phone: '07700 900789',
        address: '7 Station Road',
      },
      text: 'My neighbour plays loud music every night after midnight. I have asked them to stop but it continues.',
      form: { category: 'neighbours', preferredChannel: 'letter', communicationNeeds: 'Large print, please' },
    },
    {
      channel: 'letter',
      dedupeKey: 'demo-letter-1',
      receivedAt: daysAgo(now, 4, 10),
      from: { name: 'Arthur Penrose', address: '2 Church Walk' },
      subject: 'Letter: request for a mobility adaptation',
      text: 'Dear Sir or Madam,\n\nI am writing to ask whether a grab rail could be fitted beside my front door. I have had a hip operation and find the step difficult.\n\nYours faithfully,\nArthur Penrose',
      scan: { method: 'pdf-text' },
    },
  ];
}

export async function loadDemo(deps: IngestDeps, landlordDomain: string): Promise<number> {
  let added = 0;
  for (const message of demoMessages(deps.clock.now(), landlordDomain)) {
    const result = await ingestMessage(deps, message as never);
    if (result.outcome === 'created' || result.outcome === 'threaded') added++;
  }
  return added;
}
