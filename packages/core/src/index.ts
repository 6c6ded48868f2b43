export * from './calendar.js';
export * from './clock.js';
export * from './dates.js';
export * from './inbound.js';
export * from './model.js';
export * from './policy.js';
export * from './targets.js';
