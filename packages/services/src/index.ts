export * from './privacy.js';
export * from './release.js';
export { runRetention } from './retention.js';
export * from './services.js';
