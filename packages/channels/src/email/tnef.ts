/**
 * Outlook's winmail.dat (TNEF, application/ms-tnef): the real attachments of a
 * message sent from Outlook in "rich text", wrapped in one file that nothing
 * but Outlook opens.
 *
 * The attribute stream is simple (level, id, type, length, data, checksum) and
 * is walked here, checking that every length stays inside the file; the MAPI
 * property blocks inside it, which hold each attachment's real (long, Unicode)
 * name and MIME type, are decoded with node-tnef's MAPI decoder (node-tnef is
 * the maintained TNEF parser on the npm registry). Its top-level parser is not
 * used: it loads bunyan, whose optional dtrace-provider esbuild cannot bundle,
 * and it trusts the lengths in the file. Two precautions, because the bytes
 * are the sender's:
 *
 * - node-tnef's byte copier is replaced by a bounded one: as published it
 *   copies a declared length byte by byte, past the end of the data, so a
 *   crafted length would hang a function or exhaust its memory; a property
 *   block is decoded only when its declared count fits its bytes;
 * - node-tnef 1.4.0 assigns a regex-based `String.prototype.replaceAll` for the
 *   whole process when loaded; the assignment is ignored.
 */
import { repairWindows1252 } from './charset.js';

export interface UnpackedFile {
  filename: string;
  contentType: string;
  content: Uint8Array<ArrayBuffer>;
}

export interface Unpacked {
  files: UnpackedFile[];
  /** False when some attachment could not be taken out (an embedded message, say): keep the winmail.dat too. */
  complete: boolean;
}

const SIGNATURE = 0x223e9f78;
const LEVEL_ATTACHMENT = 2;
const ATT_ATTACH_REND_DATA = 0x9002;
const ATT_ATTACH_TITLE = 0x8010;
const ATT_ATTACH_DATA = 0x800f;
const ATT_ATTACHMENT = 0x9005;
const PR_ATTACH_LONG_FILENAME = 0x3707;
const PR_ATTACH_MIME_TAG = 0x370e;
const PT_UNICODE = 0x001f;
/** node-tnef decodes property blocks as arrays of numbers, eight bytes each: bigger files stay as they are. */
const MAX_BYTES = 25 * 1024 * 1024;

export function isTnef(contentType: string, filename: string | undefined, content: Uint8Array): boolean {
  const named = /^(application\/(vnd\.)?ms-tnef)$/i.test(contentType) || /^win(mail)?\.dat$/i.test(filename ?? '');
  return named && content.byteLength >= 6 && readU32(content, 0) === SIGNATURE;
}

/** The files inside a winmail.dat, or undefined when it holds none that can be read. */
export async function unpackTnef(content: Uint8Array): Promise<Unpacked | undefined> {
  if (content.byteLength > MAX_BYTES) return undefined;
  const parts = attachmentsIn(content);
  if (!parts) return undefined;
  const mapi = parts.some((p) => p.props) ? await loadMapiDecoder() : undefined;

  const files: UnpackedFile[] = [];
  let complete = true;
  parts.forEach((part, i) => {
    if (!part.data || part.data.byteLength === 0) {
      complete = false;
      return;
    }
    const props = mapi ? attachmentProps(mapi, part.props) : {};
    const title = repairWindows1252(Buffer.from(part.title ?? []).toString('latin1'))
      .replace(/\0+$/, '')
      .trim();
    const filename = props.longName || title || `attachment-${i + 1}`;
    files.push({
      filename,
      contentType: props.mimeTag || guessType(filename),
      content: Uint8Array.from(part.data),
    });
  });
  return files.length > 0 ? { files, complete } : undefined;
}

interface Part {
  title?: Uint8Array;
  data?: Uint8Array;
  /** The attachment's MAPI property block. */
  props?: Uint8Array;
}

/**
 * The attachments, from a walk over the attributes that checks each lies
 * inside the file: level (1 byte), id (2), type (2), length (4), data, checksum (2).
 * Each attachment starts with its rendering attribute.
 */
function attachmentsIn(content: Uint8Array): Part[] | undefined {
  const parts: Part[] = [];
  let offset = 6;
  while (offset < content.byteLength) {
    if (offset + 9 > content.byteLength) return undefined;
    const level = content[offset];
    const id = readU16(content, offset + 1);
    const length = readU32(content, offset + 5);
    const end = offset + 9 + length + 2;
    if (end > content.byteLength) return undefined;
    const data = content.subarray(offset + 9, offset + 9 + length);
    if (level === LEVEL_ATTACHMENT) {
      if (id === ATT_ATTACH_REND_DATA) parts.push({});
      const part = parts.at(-1);
      if (part && id === ATT_ATTACH_TITLE) part.title = data;
      if (part && id === ATT_ATTACH_DATA) part.data = data;
      if (part && id === ATT_ATTACHMENT) part.props = data;
    }
    offset = end;
  }
  return parts;
}

type MapiDecoder = Awaited<ReturnType<typeof loadMapiDecoder>>;

function attachmentProps(mapi: MapiDecoder, block: Uint8Array | undefined): { longName?: string; mimeTag?: string } {
  // Each property takes at least 4 bytes: a larger count is a lie that would make the decoder spin.
  if (!block || block.byteLength < 4 || readU32(block, 0) > block.byteLength / 4) return {};
  try {
    const props = mapi.decodeMapi(Array.from(block)) ?? [];
    const text = (name: number) => {
      const prop = props.find((p) => p.Name === name && p.Data);
      if (!prop?.Data) return undefined;
      const bytes = Uint8Array.from(prop.Data);
      const value =
        prop.Type === PT_UNICODE
          ? new TextDecoder('utf-16le').decode(bytes)
          : repairWindows1252(Buffer.from(bytes).toString('latin1'));
      return value.replace(/\0+$/, '').trim() || undefined;
    };
    return { longName: text(PR_ATTACH_LONG_FILENAME), mimeTag: text(PR_ATTACH_MIME_TAG) };
  } catch {
    return {};
  }
}

let loaded: Promise<typeof import('node-tnef/dist/bin/mapi.js').default> | undefined;

/** node-tnef's MAPI decoder, loaded on the first winmail.dat: most messages never need it. */
function loadMapiDecoder() {
  loaded ??= (async () => {
    const native = Object.getOwnPropertyDescriptor(String.prototype, 'replaceAll');
    Object.defineProperty(String.prototype, 'replaceAll', {
      configurable: true,
      get: () => native?.value,
      set: () => {},
    });
    try {
      const [util, mapi] = await Promise.all([
        import('node-tnef/dist/bin/util.js'),
        import('node-tnef/dist/bin/mapi.js'),
      ]);
      util.default.processBytes = boundedCopy;
      return mapi.default;
    } finally {
      if (native) Object.defineProperty(String.prototype, 'replaceAll', native);
    }
  })();
  return loaded;
}

/** node-tnef's copier with the same results for good input, but never past the end of the bytes. */
function boundedCopy(data: number[], offset: number, length: number): number[] {
  if (!(length > 0) || !(offset >= 0)) return [];
  return data.slice(offset, offset + length);
}

const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  heic: 'image/heic',
  txt: 'text/plain',
  htm: 'text/html',
  html: 'text/html',
  rtf: 'application/rtf',
  csv: 'text/csv',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function guessType(filename: string): string {
  return TYPES[filename.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

function readU16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function readU32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16)) + (bytes[at + 3] ?? 0) * 0x1000000
  );
}
