/** Contacts, their email and phone claims, their own timeline, and a contact's open case. */
import type { Case, Contact, ContactTimelineEntry, ContactWrite, NumberCase } from '@housing-inbox/core';
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

  /**
   * The contact and the email and phone claims it takes (ingest). `numberCase`: the case this
   * write files the sender's text on, noted on their phone claim (`caseRef`) so the next text's
   * first read names the case to read with the contact: in the claim's Put when this write takes
   * the number, else by an Update only while the claim is still the contact's.
   */
  writeItems(write: ContactWrite, numberCase?: NumberCase): [Role, TransactItem][] {
    const taken = numberCase !== undefined && write.claimPhone === numberCase.phone;
    return [
      this.item(write.contact, write.isNew ? notExists : undefined),
      ...this.claimItems(
        write.contact.id,
        { email: write.claimEmail, phone: write.claimPhone },
        taken ? numberCase.ref : undefined,
      ),
      ...(numberCase && !taken ? this.numberCaseItems(numberCase) : []),
    ];
  }

  /** The case noted on the number's claim, while the claim is still the contact's. */
  numberCaseItems(note: NumberCase): [Role, TransactItem][] {
    // 'other': a claim that moved to another contact since it was read is a conflict to read
    // again (this write then notes nothing), not a claim this write takes.
    return [
      [
        'other',
        {
          Update: {
            TableName: this.table.name,
            Key: keys.contactPhone(note.phone),
            UpdateExpression: 'SET caseRef = :ref',
            ConditionExpression: 'contactId = :id',
            ExpressionAttributeValues: { ':ref': note.ref, ':id': note.contactId },
          },
        },
      ],
    ];
  }

  /** Claims of an email address and a phone number for a contact: free ones, or ones already theirs. */
  claimItems(
    contactId: string,
    claims: { email?: string; phone?: string },
    numberCaseRef?: string,
  ): [Role, TransactItem][] {
    const claim = (key: Key, extra: Record<string, string> = {}): [Role, TransactItem] => [
      'claim',
      {
        Put: {
          TableName: this.table.name,
          Item: { ...key, entity: 'contact-key', contactId, ...extra },
          ConditionExpression: 'attribute_not_exists(pk) OR contactId = :id',
          ExpressionAttributeValues: { ':id': contactId },
        },
      },
    ];
    return [
      ...(claims.email ? [claim(keys.contactEmail(claims.email))] : []),
      ...(claims.phone
        ? [claim(keys.contactPhone(claims.phone), numberCaseRef ? { caseRef: numberCaseRef } : {})]
        : []),
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
