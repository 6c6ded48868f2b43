export * from './clock.js';
export * from './config.js';
export * from './log.js';
export * from './seed.js';
export * from './stack.js';
