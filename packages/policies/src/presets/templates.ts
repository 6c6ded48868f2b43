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
