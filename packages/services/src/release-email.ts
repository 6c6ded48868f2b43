/**
 * The email parser as releasing a quarantined email loads it (release.ts):
 * postal-mime and the HTML sanitiser are a large part of the HTTP function's
 * bundle, and releasing is a manager's rare action. In the cloud this module
 * is a file of its own beside the bundle (infra/src/bundling.ts LAZY_CHUNKS);
 * locally it is an ordinary import. It returns plain data and throws errors
 * core tells apart by shape, not class, so its own copy of core's code is harmless.
 */
export { parseEmail } from '@housing-inbox/channels';
