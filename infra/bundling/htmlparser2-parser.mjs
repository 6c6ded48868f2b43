/**
 * What a bundled function gets for `htmlparser2` (infra/src/bundling.ts
 * EMAIL_HTML_ALIASES): the streaming `Parser` of htmlparser2's ES build, alone.
 * Its two importers use nothing else: sanitize-html calls `new
 * htmlparser.Parser(…)` and channels' email/html.ts imports `{ Parser }`.
 * sanitize-html require()s the package, and a require() of an ES module makes
 * esbuild keep every export of it: the DOM builder, domutils, dom-serializer
 * and dom-serializer's own older copy of `entities` with its encoding tables
 * (~100 KB minified), none of which either importer calls. The parser is the
 * package's own file, unchanged (it decodes with the one `entities` it imports).
 */
export { Parser } from '../../node_modules/htmlparser2/dist/esm/Parser.js';
