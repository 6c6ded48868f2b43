export * from './privacy.js';
export * from './services.js';
