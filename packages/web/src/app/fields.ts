/** Fields that more than one form asks for, spelt once. */
import type { FieldSpec } from './components/Form.js';
import { humanise } from './queue.js';
import { type LoggedContactKind, REPLY_CHANNELS } from './types.js';

export const REASON_FIELD: FieldSpec<'reason'> = { name: 'reason', label: 'Reason', kind: 'textarea', required: true };

/** What an officer can log, every kind the contracts allow (the compiler says when one is added). */
const LOGGED_KINDS: Record<LoggedContactKind, string> = {
  'phone-message': 'Phone call or message',
  voicemail: 'Voicemail',
  visit: 'Visit',
};

/** What an officer logs: a call, a voicemail or a visit. */
export const LOGGED_KIND_FIELD: FieldSpec<'kind'> = {
  name: 'kind',
  label: 'What',
  kind: 'select',
  required: true,
  initial: 'phone-message' satisfies LoggedContactKind,
  options: Object.entries(LOGGED_KINDS).map(([value, label]) => ({ value, label })),
};

export const REPLY_CHANNEL_OPTIONS = REPLY_CHANNELS.map((channel) => ({ value: channel, label: humanise(channel) }));
