/**
 * Notice wording shared by the presets. Plain English, short sentences, the
 * reference first: residents read these on a phone.
 */
export function noticeTemplates(contactLine: string) {
  return {
    acknowledgement: {
      subject: 'We have your message – reference {{ref}}',
      body: `Dear {{name}},

Thank you for contacting {{landlord}}. Your reference is {{ref}}.

Your message is with our {{team}} team. We will reply by {{respondBy}}.

Please quote {{ref}} if you contact us again about this. ${contactLine}

{{landlord}}`,
    },
    delayUpdate: {
      subject: 'Your reply is delayed – reference {{ref}}',
      body: `Dear {{name}},

We promised to reply to you about {{ref}} by {{target}}, and we have not yet done so. We are sorry.

Why: {{reason}}

What is happening: {{progress}}

We now expect to reply by {{newDate}}. If that changes we will tell you again.

${contactLine}

{{landlord}}`,
    },
    ownerWarning: {
      subject: '{{ref}} is due {{respondBy}}',
      body: `{{ref}} is due for a reply by {{respondBy}} ({{daysLeft}} working days left). Please reply to the resident, agree a new date with them, or record why it will be late.`,
    },
    managerAlert: {
      subject: 'Overdue: {{ref}} (owner {{owner}})',
      body: `{{ref}}, owned by {{owner}} in {{team}}, passed its target of {{target}} without a reply. The resident has been told it is delayed.`,
    },
  };
}

/** Hazard milestones: the resident at each step and when a date slips; the owner before, the manager after. */
export function milestoneTemplates(contactLine: string) {
  return {
    step: {
      subject: 'An update on your report – reference {{ref}}',
      body: `Dear {{name}},

{{step}}

Please quote {{ref}} if you contact us about this. ${contactLine}

{{landlord}}`,
    },
    slipped: {
      subject: 'We are late – reference {{ref}}',
      body: `Dear {{name}},

We told you we would {{milestone}} by {{target}}, and we have not yet done so. We are sorry.

Why: {{reason}}

We now expect to do this by {{newDate}}. The law that sets this timescale is {{law}}.

${contactLine}

{{landlord}}`,
    },
    ownerWarning: {
      subject: '{{ref}}: due {{target}} under {{law}}',
      body: `{{ref}}: we must {{milestone}} by {{target}} ({{daysLeft}} working days left) under {{law}}. Record it on the case as soon as it is done, or record why it will be late.`,
    },
    managerAlert: {
      subject: 'Missed: {{ref}} (owner {{owner}})',
      body: `{{ref}}, owned by {{owner}} in {{team}}, has missed a statutory milestone under {{law}}: {{milestone}} by {{target}}. The resident has been told.`,
    },
  };
}

/** Complaint notices: the acknowledgement that states the complaint, its summary, an extension. */
export function complaintTemplates(options: { contactLine: string; extensionOmbudsman: boolean }) {
  const ombudsman = options.extensionOmbudsman
    ? `

If you are unhappy that we need more time, you can contact the {{ombudsman}}.`
    : '';
  return {
    acknowledgement: {
      subject: 'We have your complaint – reference {{ref}}',
      body: `Dear {{name}},

Thank you for telling us you are unhappy. We are dealing with this as a complaint, reference {{ref}}.

{{complaint}}

We will reply by {{respondBy}} with our response.

Please quote {{ref}} if you contact us again about this. ${options.contactLine}

{{landlord}}`,
    },
    summaryToFollow:
      'We will write to you by {{acknowledgeBy}} to set out your complaint as we understand it, and what you would like us to do about it.',
    summary: {
      subject: 'Your complaint as we understand it – reference {{ref}}',
      body: `Dear {{name}},

This is your complaint as we understand it:

{{complaint}}

If we have misunderstood anything, please tell us as soon as you can, quoting {{ref}}. We will send you our response by {{respondBy}}.

{{landlord}}`,
    },
    extension: {
      subject: 'We need more time to answer your complaint – reference {{ref}}',
      body: `Dear {{name}},

We promised to respond to your complaint ({{ref}}) by {{target}}. We need more time, and we are sorry.

Why: {{reason}}

We will now respond by {{newDate}}.${ombudsman}

{{landlord}}`,
    },
  };
}
