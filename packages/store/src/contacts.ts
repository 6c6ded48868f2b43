/** Contacts, their email and phone claims, their own timeline, and a contact's open case. */
import type { Case, Contact, ContactTimelineEntry, ContactWrite } from '@housing-inbox/core';
import { type Key, keys, queries } from './keys.js';
import { notExists, type Role, strip, type Table, type TransactItem } from './table.js';

export class Contacts {
  constructor(private readonly table: Table) {}

  getContact(id: string): Promise<Contact | undefined> {
    return this.table.get<Contact>(keys.contact(id));
  }

  async findContactByEmail(email: string): Promise<Contact | undefined> {
    const claim = await this.table.get<{ contactId: string }>(keys.contactEmail(email));
    return claim ? this.getContact(claim.contactId) : undefined;
  }

  async findContactByPhone(phone: string): Promise<Contact | undefined> {
    const claim = await this.table.get<{ contactId: string }>(keys.contactPhone(phone));
    return claim ? this.getContact(claim.contactId) : undefined;
  }

  async findOpenCaseForContact(contactId: string): Promise<Case | undefined> {
    const out = await this.table.query(queries.openCasesOfContact(contactId), { ScanIndexForward: false, Limit: 1 });
    const item = out.Items?.[0];
    return item ? strip<Case>(item) : undefined;
  }

  /** The contact as it is now (a case change takes no new claims). */
  item(contact: Contact, condition?: string): [Role, TransactItem] {
    return ['contact', this.table.put({ ...keys.contact(contact.id), entity: 'contact', ...contact }, condition)];
  }

  /** The contact and the email and phone claims it takes (ingest). */
  writeItems(write: ContactWrite): [Role, TransactItem][] {
    return [
      this.item(write.contact, write.isNew ? notExists : undefined),
      ...this.claimItems(write.contact.id, { email: write.claimEmail, phone: write.claimPhone }),
    ];
  }

  /** Claims of an email address and a phone number for a contact: free ones, or ones already theirs. */
  claimItems(contactId: string, claims: { email?: string; phone?: string }): [Role, TransactItem][] {
    const claim = (key: Key): [Role, TransactItem] => [
      'claim',
      {
        Put: {
          TableName: this.table.name,
          Item: { ...key, entity: 'contact-key', contactId },
          ConditionExpression: 'attribute_not_exists(pk) OR contactId = :id',
          ExpressionAttributeValues: { ':id': contactId },
        },
      },
    ];
    return [
      ...(claims.email ? [claim(keys.contactEmail(claims.email))] : []),
      ...(claims.phone ? [claim(keys.contactPhone(claims.phone))] : []),
    ];
  }

  /** Append-only, like a case's timeline. */
  timelineItems(entries: ContactTimelineEntry[]): [Role, TransactItem][] {
    return entries.map((e, seq) => [
      'other',
      this.table.put(
        { ...keys.contactTimeline(e.contactId, e.at, seq, e.id), entity: 'contact-timeline', ...e },
        notExists,
      ),
    ]);
  }

  /** Every case of the contact, open then closed, newest activity first: one partition of gsi4. */
  async listCasesOfContact(contactId: string): Promise<Case[]> {
    const items = await this.table.queryAll(queries.casesOfContact(contactId), { ScanIndexForward: false });
    return items.map((i) => strip<Case>(i));
  }

  async listContactTimeline(contactId: string): Promise<ContactTimelineEntry[]> {
    const items = await this.table.queryAll(queries.contactTimeline(contactId), { ConsistentRead: true });
    return items.map((i) => strip<ContactTimelineEntry>(i));
  }
}
