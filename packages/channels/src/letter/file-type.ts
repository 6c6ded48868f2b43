export type ScanType = 'application/pdf' | 'image/png' | 'image/jpeg';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/**
 * What a file really is, from its first bytes: a file's name and declared type
 * are whatever the uploader's computer said. PDF readers accept `%PDF-` anywhere
 * in the first kilobyte, so we do too.
 */
export function sniffScanType(bytes: Uint8Array): ScanType | undefined {
  if (startsWith(bytes, PNG, 0)) return 'image/png';
  if (startsWith(bytes, JPEG, 0)) return 'image/jpeg';
  const window = Math.min(bytes.length - PDF.length, 1024 - PDF.length);
  for (let i = 0; i <= window; i++) {
    if (startsWith(bytes, PDF, i)) return 'application/pdf';
  }
  return undefined;
}

function startsWith(bytes: Uint8Array, magic: number[], at: number): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}
