export * from './blobs.js';
export * from './keys.js';
export { lookupItems } from './lookup-writes.js';
export type { ReindexCounts, ReindexOptions } from './reindex.js';
export * from './repository.js';
export * from './schema.js';
export { caseTokens, contactTokens, queryTerms } from './search-tokens.js';
export { documentClient, StoreRefusedError, type TableOptions } from './table.js';
export * from './timers.js';
