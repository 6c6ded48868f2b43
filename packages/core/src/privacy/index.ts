export * from './erase.js';
export * from './policy.js';
export * from './ports.js';
export * from './records.js';
export * from './summary.js';
