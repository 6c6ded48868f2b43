/**
 * Node 20.18.3 and later (Node 20.20 included) decode `windows-1252`, and every
 * label the Encoding Standard maps to it (`iso-8859-1`, `latin1`, `us-ascii`…),
 * as plain ISO-8859-1: bytes 0x80–0x9F come out as invisible C1 control
 * characters instead of € ‘ ’ “ ” – — and friends (nodejs/node#60888, #56542).
 * Outlook mail is full of these. C1 controls never occur in real text, so any
 * left in a decoded string are put back as the Windows-1252 characters they were.
 */
const WINDOWS_1252_C1: Record<number, string> = {
  128: '€',
  130: '‚',
  131: 'ƒ',
  132: '„',
  133: '…',
  134: '†',
  135: '‡',
  136: 'ˆ',
  137: '‰',
  138: 'Š',
  139: '‹',
  140: 'Œ',
  142: 'Ž',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  149: '•',
  150: '–',
  151: '—',
  152: '˜',
  153: '™',
  154: 'š',
  155: '›',
  156: 'œ',
  158: 'ž',
  159: 'Ÿ',
};

export function repairWindows1252(text: string): string;
export function repairWindows1252(text: string | undefined): string | undefined;
export function repairWindows1252(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0)] ?? c);
}
