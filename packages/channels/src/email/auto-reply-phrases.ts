/**
 * The words automatic mail uses, in the languages residents' mail servers
 * speak. Every phrase is written as people see it and compared after
 * `folded()`: lower case, accents and apostrophe styles removed, spaces made
 * single, so "Réponse automatique" matches "REPONSE AUTOMATIQUE".
 *
 * None of these decides on its own: a subject phrase needs supporting
 * evidence (see automated.ts), because residents write "Out of office hours
 * the lift is broken" too.
 */

export type Language =
  | 'English'
  | 'Welsh'
  | 'German'
  | 'French'
  | 'Spanish'
  | 'Dutch'
  | 'Polish'
  | 'Italian'
  | 'Portuguese';

/** What Exchange, Outlook, Gmail and the common webmail put before or as the subject of an out-of-office reply. */
export const OUT_OF_OFFICE_SUBJECTS: Record<Language, string[]> = {
  English: [
    'automatic reply',
    'auto reply',
    'auto-reply',
    'autoreply',
    'auto response',
    'automatic response',
    'out of office',
    'out of the office',
    'out of office reply',
    'out of office autoreply',
    'away from the office',
  ],
  Welsh: ['ateb awtomatig', 'ymateb awtomatig', "allan o'r swyddfa", 'i ffwrdd o’r swyddfa'],
  German: [
    'automatische antwort',
    'abwesenheitsnotiz',
    'automatische abwesenheitsnotiz',
    'abwesenheitsmeldung',
    'abwesend',
    'nicht im büro',
  ],
  French: ['réponse automatique', 'absence du bureau', 'absent du bureau', 'absente du bureau', "message d'absence"],
  Spanish: ['respuesta automática', 'fuera de la oficina', 'respuesta de fuera de la oficina', 'ausente'],
  Dutch: ['automatisch antwoord', 'afwezig', 'niet aanwezig', 'buiten kantoor'],
  Polish: ['odpowiedź automatyczna', 'automatyczna odpowiedź', 'poza biurem', 'nieobecność'],
  Italian: ['risposta automatica', 'fuori sede', 'fuori ufficio', 'assente'],
  Portuguese: ['resposta automática', 'fora do escritório', 'ausente do escritório', 'ausência'],
};

/** What the body of an out-of-office reply says. */
export const OUT_OF_OFFICE_BODIES: Record<Language, string[]> = {
  English: [
    'out of the office',
    'out of office',
    'away from the office',
    'away from my desk',
    'on annual leave',
    'on leave until',
    'limited access to email',
    'limited access to my email',
    'no access to email',
    'this is an automatic reply',
    'this is an automated reply',
  ],
  Welsh: ["allan o'r swyddfa", 'ar wyliau', 'ateb awtomatig', 'ymateb awtomatig'],
  German: [
    'nicht im büro',
    'außer haus',
    'ausser haus',
    'abwesend',
    'im urlaub',
    'keinen zugriff auf meine e-mails',
    'automatische antwort',
  ],
  French: ['absent du bureau', 'absente du bureau', 'je suis absent', 'je suis absente', 'en congé', 'hors du bureau'],
  Spanish: ['fuera de la oficina', 'de vacaciones', 'estoy ausente', 'respuesta automática'],
  Dutch: ['afwezig', 'niet op kantoor', 'met vakantie', 'automatisch antwoord'],
  Polish: ['poza biurem', 'nieobecny', 'nieobecna', 'na urlopie', 'odpowiedź automatyczna'],
  Italian: ['fuori sede', 'fuori ufficio', 'sono assente', 'in ferie', 'risposta automatica'],
  Portuguese: ['fora do escritório', 'estou ausente', 'de férias', 'resposta automática'],
};

/** A help desk saying it opened a ticket: needs an id with a digit, or the phrases below. */
export const TICKET_BODY = [
  /\b(?:ticket|case|request|incident|enquiry|inquiry|call)\s+(?:number\s+|no\.?\s*|id\s*|ref(?:erence)?\s*)?[#:(]?\s*[a-z]*-?\d[\w-]*\)?\s+(?:has\s+been|is\s+now)\s+(?:created|opened|logged|raised|registered|received)\b/,
  /\ba\s+new\s+(?:support\s+)?(?:ticket|case|request|incident)\b[^.\n]{0,60}\bhas\s+been\s+(?:created|opened|logged|raised)\b/,
  /\bwe(?:'ve|\s+have)\s+(?:received|logged)\s+your\s+(?:email|e-mail|message|request|enquiry|inquiry|query)\b/,
  /\byour\s+(?:request|ticket|enquiry|inquiry|email|e-mail|message)\s+(?:\(?#?[a-z]*-?\d+\)?\s+)?has\s+been\s+(?:received|logged|created|opened)\b/,
  /\bthis\s+is\s+an\s+automat(?:ed|ic)\s+(?:message|response|reply|acknowledge?ment|notification)\b/,
];

/** Words a help desk's acknowledgement subject uses. */
export const TICKET_SUBJECT = [
  /\[(?:[a-z]{1,12}-?\d{2,}|#\s?\d{3,}|(?:ticket|request|case|incident)\s*#?\s*\d+)\]/,
  /\b(?:ticket|request|case|incident)\s*(?:#|no\.?|number|id)\s*:?\s*[a-z]*-?\d{3,}\b/,
  /^(?:thank\s+you|thanks)\s+for\s+(?:contacting|your\s+(?:email|e-mail|message|enquiry|inquiry|request))\b/,
  /^we(?:'ve|\s+have)\s+received\s+your\b/,
  /^(?:ticket|request|case)\s+(?:received|created|opened|logged)\b/,
  /^\[?(?:request|ticket)\s+received\]?/,
  /^auto(?:matic)?\s+acknowledge?ment\b/,
];

export const DO_NOT_REPLY_BODY = /\b(?:please\s+)?do\s+not\s+reply\s+(?:directly\s+)?to\s+this\s+(?:e-?mail|message)\b/;

/** Lower case, accents off, one kind of apostrophe, single spaces: how phrases and text are compared. */
export function folded(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function phrasePattern(table: Record<Language, string[]>, shape: (alternatives: string) => string) {
  return (Object.entries(table) as [Language, string[]][]).map(([language, phrases]) => ({
    language,
    pattern: new RegExp(shape(phrases.map((p) => escapeRegExp(folded(p))).join('|')), 'u'),
  }));
}

/** The subject IS the phrase, or starts with it and a colon (Exchange: "Automatische Antwort: …"; French "Réponse automatique : …"). */
const SUBJECT_PATTERNS = phrasePattern(OUT_OF_OFFICE_SUBJECTS, (a) => `^(?:${a})(?:\\s?:|$)`);
const BODY_PATTERNS = phrasePattern(OUT_OF_OFFICE_BODIES, (a) => `(?:^|[^\\p{L}])(?:${a})(?:$|[^\\p{L}])`);

export function outOfOfficeSubject(subject: string): Language | undefined {
  const f = folded(subject);
  return SUBJECT_PATTERNS.find((p) => p.pattern.test(f))?.language;
}

export function outOfOfficeBody(text: string): Language | undefined {
  const f = folded(text);
  return BODY_PATTERNS.find((p) => p.pattern.test(f))?.language;
}
