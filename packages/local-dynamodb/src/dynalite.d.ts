// dynalite 4.0.0 ships no types. Only what this package uses is declared.
declare module 'dynalite' {
  import type { Server } from 'node:http';

  export interface DynaliteOptions {
    /** LevelDB directory; in memory when absent. */
    path?: string;
    /** How long a table stays CREATING / DELETING / UPDATING (default 500 ms each). */
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
    verbose?: boolean;
    debug?: boolean;
  }

  /** An http.Server whose close() also closes the LevelDB store. */
  export default function dynalite(options?: DynaliteOptions): Server;
}
