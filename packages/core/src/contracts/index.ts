/**
 * The API's contracts: zod schemas for every command input (and, beside them,
 * every route's input and output). Browser-safe: zod and core's vocabulary
 * only, so the officer console imports its types from here.
 */
export * from './audit.js';
export * from './commands.js';
export * from './errors.js';
export * from './fields.js';
export * from './letters.js';
export * from './local.js';
export * from './oversight.js';
export * from './privacy.js';
export * from './replies.js';
export * from './reports.js';
export * from './resident.js';
export * from './routes.js';
export * from './search.js';
export * from './together.js';
export * from './views.js';
