/** Contacts, their email and phone claims, and a contact's open case. */
import type { Case, Contact, ContactWrite } from '@housing-inbox/core';
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
    const { contact } = write;
    const claim = (key: Key): [Role, TransactItem] => [
      'contact',
      {
        Put: {
          TableName: this.table.name,
          Item: { ...key, entity: 'contact-key', contactId: contact.id },
          // Claim a free key, or keep one already ours.
          ConditionExpression: 'attribute_not_exists(pk) OR contactId = :id',
          ExpressionAttributeValues: { ':id': contact.id },
        },
      },
    ];
    return [
      this.item(contact, write.isNew ? notExists : undefined),
      ...(write.claimEmail ? [claim(keys.contactEmail(write.claimEmail))] : []),
      ...(write.claimPhone ? [claim(keys.contactPhone(write.claimPhone))] : []),
    ];
  }
}
