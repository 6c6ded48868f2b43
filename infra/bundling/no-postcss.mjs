/**
 * What a bundled function gets for `postcss` (infra/src/bundling.ts
 * EMAIL_HTML_ALIASES). sanitize-html loads postcss to filter `style`
 * attributes, and calls it only for an allowed `style` attribute; our email
 * sanitiser (packages/channels/src/email/html.ts) allows none, so postcss and
 * its source-map library (~90 KB) would never run. Were `style` ever allowed,
 * sanitize-html catches this error and drops the attribute (safe, and
 * logged as a warning), rather than letting unfiltered CSS through.
 */
export function parse() {
  throw new Error('postcss is not bundled: style attributes are not allowed in email HTML (channels email/html.ts)');
}
