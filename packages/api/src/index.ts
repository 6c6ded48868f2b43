export * from './access.js';
export * from './auth.js';
export * from './cases.js';
export * from './contact.js';
export * from './http.js';
export * from './openapi.js';
export * from './router.js';
