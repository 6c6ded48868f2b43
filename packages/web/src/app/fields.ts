/** Fields that more than one form asks for, spelt once. */
import type { FieldSpec } from './components/Form.js';
import { humanise } from './queue.js';
import { REPLY_CHANNELS } from './types.js';

export const REASON_FIELD: FieldSpec<'reason'> = { name: 'reason', label: 'Reason', kind: 'textarea', required: true };

/** What an officer logs: a call, a voicemail or a visit. */
export const LOGGED_KIND_FIELD: FieldSpec<'kind'> = {
  name: 'kind',
  label: 'What',
  kind: 'select',
  required: true,
  initial: 'phone-message',
  options: [
    { value: 'phone-message', label: 'Phone call or message' },
    { value: 'voicemail', label: 'Voicemail' },
    { value: 'visit', label: 'Visit' },
  ],
};

export const REPLY_CHANNEL_OPTIONS = REPLY_CHANNELS.map((channel) => ({ value: channel, label: humanise(channel) }));
