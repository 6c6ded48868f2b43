export { type ApiOptions, createApi, openApiDocument } from './app.js';
export * from './auth.js';
export { contentDisposition } from './content-disposition.js';
export { HttpError } from './errors.js';
export { foreignRequest, loopbackOnly } from './loopback.js';
export { CASE_COMMAND_LINES, REQUEST_COMMAND_LINES } from './routes/commands.js';
export { type LocalPorts, MAX_LETTER_BYTES } from './routes/local.js';
export type { ApiApp, ApiDeps } from './routes/shared.js';
export { caseListItem, caseView, countdown, officerView } from './views.js';
