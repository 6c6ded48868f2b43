/**
 * The OpenAPI 3.1 document, generated from the routes' schemas: nothing in it
 * is written by hand but the words below.
 */
import type { ApiApp } from './routes/shared.js';

const TAGS = [
  { name: 'cases', description: 'Queues and cases (bearer token)' },
  { name: 'commands', description: 'What officers do to a case, a department request or an officer (bearer token)' },
  { name: 'directory', description: 'Officers, departments and requests (bearer token)' },
  { name: 'reports', description: 'What managers monitor (bearer token, managers)' },
  { name: 'resident', description: 'The resident contact form (no sign-in)' },
  { name: 'service', description: 'Health and this document (no sign-in)' },
  {
    name: 'local',
    description: 'Only on the local stack (`npm start`), never in the cloud: each is also marked `x-local: true`',
  },
];

export function registerSecurity(app: ApiApp) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Cognito in the cloud; `npx inbox token` (or `POST /local/sign-in`) on the local stack',
  });
}

export function generateDocument(app: ApiApp) {
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'housing-inbox API',
      version: '0.1.0',
      description:
        'Cases, queues, officer commands and the resident contact form of housing-inbox. Errors are `{ "error": { "code", "message", "fields"? } }`.',
    },
    tags: TAGS,
  });
}
