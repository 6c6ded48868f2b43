/**
 * Small TNEF (winmail.dat) files for tests: the signature, a key, then
 * attributes of level (1 byte), id (2), type (2), length (4), data and a
 * 16-bit checksum, all little-endian.
 */
const u16 = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

export function attribute(level: 1 | 2, id: number, type: number, data: Uint8Array, declaredLength = data.length) {
  const checksum = data.reduce((sum, b) => (sum + b) & 0xffff, 0);
  return Buffer.concat([Buffer.from([level]), u16(id), u16(type), u32(declaredLength), data, u16(checksum)]);
}

/** A MAPI property block holding PR_ATTACH_LONG_FILENAME as a Unicode string. */
export function longFilenameProps(name: string, count = 1): Buffer {
  const text = Buffer.from(`${name}\0`, 'utf16le');
  const padding = Buffer.alloc((4 - (text.length % 4)) % 4);
  return Buffer.concat([u32(count), u16(0x001f), u16(0x3707), u32(1), u32(text.length), text, padding]);
}

export interface TnefFile {
  title: string;
  data: Uint8Array;
  longName?: string;
}

export function tnef(files: TnefFile[]): Buffer {
  const head = Buffer.concat([u32(0x223e9f78), u16(0x0001)]);
  const version = attribute(1, 0x9006, 0x0008, u32(0x00010000));
  const parts = files.flatMap((f) => [
    attribute(2, 0x9002, 0x0006, Buffer.alloc(14)),
    attribute(2, 0x8010, 0x0001, Buffer.from(`${f.title}\0`, 'latin1')),
    attribute(2, 0x800f, 0x0006, f.data),
    ...(f.longName ? [attribute(2, 0x9005, 0x0006, longFilenameProps(f.longName))] : []),
  ]);
  return Buffer.concat([head, version, ...parts]);
}
