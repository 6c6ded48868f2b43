/** The officer directory: one partition, read whole (it is small) or one officer at a time. */
import type { Officer } from '@housing-inbox/core';
import { keys, queries } from './keys.js';
import { strip, type Table } from './table.js';

export class Officers {
  constructor(private readonly table: Table) {}

  async putOfficer(officer: Officer): Promise<void> {
    await this.table.write({ ...keys.officer(officer.id), entity: 'officer', ...officer });
  }

  getOfficer(id: string): Promise<Officer | undefined> {
    return this.table.get<Officer>(keys.officer(id));
  }

  async listOfficers(): Promise<Officer[]> {
    return (await this.table.queryAll(queries.officers())).map((i) => strip<Officer>(i));
  }
}
