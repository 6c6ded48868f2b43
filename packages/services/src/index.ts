export * from './privacy.js';
export * from './release.js';
export * from './services.js';
