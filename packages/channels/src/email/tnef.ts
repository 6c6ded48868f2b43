/**
 * Outlook's winmail.dat (TNEF, application/ms-tnef): the real attachments of a
 * message sent from Outlook in "rich text", wrapped in one file that nothing
 * but Outlook opens. Decoded with node-tnef (the maintained TNEF parser on the
 * npm registry), with three precautions, because the bytes are the sender's:
 *
 * - the attribute framing is checked here first (lengths inside the file), and
 *   node-tnef's byte copier is replaced by a bounded one: as published it
 *   copies a declared length byte by byte, past the end of the data, so a
 *   crafted length would hang a function or exhaust its memory;
 * - message-level MAPI properties are left out of what it decodes (we take the
 *   body from the MIME parts), attachment-level ones only when their declared
 *   count fits the bytes there;
 * - node-tnef 1.4.0 assigns a regex-based `String.prototype.replaceAll` for the
 *   whole process when loaded; the assignment is ignored. Its bunyan logger,
 *   which writes a line to stdout for every file, is made to log only fatal errors.
 *
 * Outlook writes each attachment's short 8.3 name in the TNEF attribute and
 * the real name in MAPI property PR_ATTACH_LONG_FILENAME; the real one is used.
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
const LEVEL_MESSAGE = 1;
const ATT_MAPI_PROPS = 0x9003;
const ATT_ATTACH_REND_DATA = 0x9002;
const ATT_ATTACHMENT = 0x9005;
const PR_ATTACH_LONG_FILENAME = 0x3707;
const PR_ATTACH_MIME_TAG = 0x370e;
const PT_UNICODE = 0x001f;
/** node-tnef works on an array of numbers, eight bytes each: bigger files stay as they are. */
const MAX_BYTES = 25 * 1024 * 1024;

export function isTnef(contentType: string, filename: string | undefined, content: Uint8Array): boolean {
  const named = /^(application\/(vnd\.)?ms-tnef)$/i.test(contentType) || /^win(mail)?\.dat$/i.test(filename ?? '');
  return named && content.byteLength >= 6 && readU32(content, 0) === SIGNATURE;
}

/** The files inside a winmail.dat, or undefined when it holds none that can be read. */
export async function unpackTnef(content: Uint8Array): Promise<Unpacked | undefined> {
  if (content.byteLength > MAX_BYTES) return undefined;
  const framed = frame(content);
  if (!framed) return undefined;
  const { tnef, mapi } = await loadNodeTnef();

  let result: Awaited<ReturnType<typeof decode>>;
  try {
    result = decode(tnef, framed.stream);
  } catch {
    return undefined;
  }
  const files: UnpackedFile[] = [];
  let complete = true;
  (result?.Attachments ?? []).forEach((attachment, i) => {
    if (!attachment.Data || attachment.Data.length === 0) {
      complete = false;
      return;
    }
    const props = attachmentProps(mapi, framed.attachmentProps[i]);
    const filename = props.longName || repairWindows1252(attachment.Title ?? '').replace(/\0+$/, '');
    files.push({
      filename: filename || `attachment-${i + 1}`,
      contentType: props.mimeTag || guessType(filename),
      content: Uint8Array.from(attachment.Data),
    });
  });
  return files.length > 0 ? { files, complete } : undefined;
}

interface Framed {
  /** The TNEF stream with the message-level MAPI properties left out. */
  stream: Uint8Array;
  /** Each attachment's MAPI property block, by attachment order. */
  attachmentProps: (Uint8Array | undefined)[];
}

/** Walks the attributes, checking each lies inside the file: level (1), id (2), type (2), length (4), data, checksum (2). */
function frame(content: Uint8Array): Framed | undefined {
  const keep: Uint8Array[] = [content.subarray(0, 6)];
  const attachmentProps: (Uint8Array | undefined)[] = [];
  let offset = 6;
  while (offset < content.byteLength) {
    if (offset + 9 > content.byteLength) return undefined;
    const level = content[offset];
    const id = readU16(content, offset + 1);
    const length = readU32(content, offset + 5);
    const end = offset + 9 + length + 2;
    if (end > content.byteLength) return undefined;
    if (id === ATT_ATTACH_REND_DATA) attachmentProps.push(undefined);
    if (id === ATT_ATTACHMENT && attachmentProps.length > 0) {
      attachmentProps[attachmentProps.length - 1] = content.subarray(offset + 9, offset + 9 + length);
    }
    if (!(level === LEVEL_MESSAGE && id === ATT_MAPI_PROPS)) keep.push(content.subarray(offset, end));
    offset = end;
  }
  return { stream: Buffer.concat(keep), attachmentProps };
}

type NodeTnef = Awaited<ReturnType<typeof loadNodeTnef>>;

function decode(tnef: NodeTnef['tnef'], stream: Uint8Array) {
  let out: { Attachments?: { Title?: string; Data?: number[] }[] } | undefined;
  tnef.parseBuffer(stream, (failed, result) => {
    if (failed || !result || result instanceof Error) throw result instanceof Error ? result : new Error('not TNEF');
    out = result;
  });
  return out;
}

function attachmentProps(
  mapi: NodeTnef['mapi'],
  block: Uint8Array | undefined,
): { longName?: string; mimeTag?: string } {
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

let loaded: Promise<{
  tnef: typeof import('node-tnef').default;
  mapi: typeof import('node-tnef/dist/bin/mapi.js').default;
}>;

/** node-tnef, loaded on the first winmail.dat: most messages never need it. */
function loadNodeTnef() {
  loaded ??= (async () => {
    const native = Object.getOwnPropertyDescriptor(String.prototype, 'replaceAll');
    Object.defineProperty(String.prototype, 'replaceAll', {
      configurable: true,
      get: () => native?.value,
      set: () => {},
    });
    // node-tnef makes its logger when loaded and writes a line to stdout for every file: errors only, please.
    const bunyan = (await import('bunyan')).default;
    const createLogger = bunyan.createLogger;
    bunyan.createLogger = (options) => createLogger({ ...options, level: 'fatal' });
    try {
      const [tnef, util, mapi] = await Promise.all([
        import('node-tnef'),
        import('node-tnef/dist/bin/util.js'),
        import('node-tnef/dist/bin/mapi.js'),
      ]);
      util.default.processBytes = boundedCopy;
      return { tnef: tnef.default, mapi: mapi.default };
    } finally {
      bunyan.createLogger = createLogger;
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
