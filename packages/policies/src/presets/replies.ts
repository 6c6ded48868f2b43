import type { ReplyTemplate } from '@housing-inbox/core';

/**
 * Reply templates both presets offer (issue 14): a start for the replies
 * officers write most, in plain English. Square brackets mark what the
 * officer must write in; the console will not send a reply that still has them.
 * `{{placeholders}}` are filled for the case and checked when the policy loads.
 * The next steps after a complaint stage are added by the product when it
 * sends (`complaints.nextSteps`), so the complaint frames stop before them.
 */
export function replyTemplates(options: { adviceService: string }): ReplyTemplate[] {
  return [
    {
      id: 'repair-booked',
      label: 'Repair booked',
      subject: 'Your repair is booked – reference {{ref}}',
      body: `Dear {{name}},

Thank you for telling us about this. We have booked the repair for [day, date and time slot].

Please make sure someone over 18 is at home to let the operative in. If that time does not suit you, call us on {{phone}} and quote {{ref}}.

{{officer}}
{{landlord}}`,
    },
    {
      id: 'information-requested',
      label: 'Information requested',
      subject: 'We need a little more information – reference {{ref}}',
      body: `Dear {{name}},

Thank you for contacting us about {{ref}}. So that we can help, please tell us [what we need to know].

You can reply to this message, or call us on {{phone}}.

{{officer}}
{{landlord}}`,
    },
    {
      id: 'complaint-stage-1-response',
      label: 'Complaint stage 1 response',
      kinds: ['complaint-stage-1'],
      subject: 'Our response to your complaint – reference {{ref}}',
      body: `Dear {{name}},

Thank you for your complaint, which we have looked into at stage 1 of our complaints procedure.

Your complaint: {{complaint}}

What we found: [what we found, and whether we uphold the complaint]

What we will do: [what we will put right, and by when]

{{officer}}
{{landlord}}`,
    },
    {
      id: 'complaint-stage-2-response',
      label: 'Complaint stage 2 (final) response',
      kinds: ['complaint-stage-2'],
      subject: 'Our final response to your complaint – reference {{ref}}',
      body: `Dear {{name}},

We have reviewed your complaint at stage 2, the final stage of our complaints procedure.

Your complaint: {{complaint}}

What we found: [what the review found, and whether we uphold the complaint]

What we will do: [what we will put right, and by when]

{{officer}}
{{landlord}}`,
    },
    {
      id: 'cannot-help-signpost',
      label: 'We cannot help: who can',
      subject: 'About your message – reference {{ref}}',
      body: `Dear {{name}},

Thank you for contacting us. This is not something {{landlord}} can deal with, but [organisation] can help: [how to contact them].

${options.adviceService} can also give free, independent advice. If we have misunderstood, call us on {{phone}}.

{{officer}}
{{landlord}}`,
    },
  ];
}
