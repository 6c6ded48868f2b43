export * from './blobs.js';
export * from './keys.js';
export * from './repository.js';
export * from './schema.js';
export { documentClient, StoreRefusedError, type TableOptions } from './table.js';
export * from './timers.js';
