/**
 * What a bundled function gets for `dayjs` (infra/src/bundling.ts
 * EMAIL_HTML_ALIASES). sanitize-html requires `launder` for its `naughtyHref`
 * check of link schemes alone; launder requires dayjs (~7 KB minified) for its
 * date and time helpers, which sanitize-html never calls and nothing else in
 * the functions uses. Were one ever called, it fails here with the reason
 * rather than answering wrongly.
 */
module.exports = function dayjs() {
  throw new Error('dayjs is not bundled: only launder’s date helpers use it, and sanitize-html calls none');
};
