// The real type of an uploaded evidence file (证明材料, Art. 8), read from its bytes, never from the
// name or the Content-Type the browser sent: a unit cannot pass off an executable or a renamed file
// as a PDF. Pure function, no I/O.

export type EvidenceKind = 'pdf' | 'png' | 'jpeg' | 'gif' | 'doc' | 'xls' | 'ppt' | 'docx' | 'xlsx' | 'pptx';

export interface EvidenceType {
  kind: EvidenceKind;
  mimeType: string;
  /** File-name extensions (lower case, with the dot) that may carry this content. */
  extensions: string[];
}

export const EVIDENCE_TYPES: Record<EvidenceKind, EvidenceType> = {
  pdf: { kind: 'pdf', mimeType: 'application/pdf', extensions: ['.pdf'] },
  png: { kind: 'png', mimeType: 'image/png', extensions: ['.png'] },
  jpeg: { kind: 'jpeg', mimeType: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
  gif: { kind: 'gif', mimeType: 'image/gif', extensions: ['.gif'] },
  doc: { kind: 'doc', mimeType: 'application/msword', extensions: ['.doc'] },
  xls: { kind: 'xls', mimeType: 'application/vnd.ms-excel', extensions: ['.xls'] },
  ppt: { kind: 'ppt', mimeType: 'application/vnd.ms-powerpoint', extensions: ['.ppt'] },
  docx: {
    kind: 'docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
  },
  xlsx: {
    kind: 'xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['.xlsx'],
  },
  pptx: {
    kind: 'pptx',
    mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['.pptx'],
  },
};

/** Every extension an evidence file may have, for error messages and the OpenAPI description. */
export const ALLOWED_EXTENSIONS = Object.values(EVIDENCE_TYPES).flatMap((type) => type.extensions);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const OLE2_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_LOCAL_HEADER = 0x04034b50;
const ZIP_CENTRAL_HEADER = 0x02014b50;
const ZIP_END_OF_CENTRAL_DIRECTORY = 0x06054b50;

const startsWith = (bytes: Buffer, prefix: Buffer | string, offset = 0) => {
  const expected = typeof prefix === 'string' ? Buffer.from(prefix, 'latin1') : prefix;
  return (
    bytes.length >= offset + expected.length &&
    bytes.subarray(offset, offset + expected.length).equals(expected)
  );
};

// HTML that a browser would sniff and render (WHATWG MIME Sniffing §7.1 looks at the first bytes).
const HTML_MARKERS = /<(!doctype\s+html|html|head|body|script|iframe|svg|object|embed|meta|title|style)/i;

/**
 * Detects the type from the content alone, by structure and not only by the first bytes; null when it is
 * none of the accepted kinds or is damaged. A file whose first kilobyte reads as HTML is never accepted
 * (polyglots: an HTML page with a %PDF- marker, JPEG magic followed by a page).
 */
export function detectFileType(bytes: Buffer): EvidenceType | null {
  if (HTML_MARKERS.test(bytes.subarray(0, 1024).toString('latin1'))) return null;
  if (startsWith(bytes, '%PDF-')) return isPdf(bytes) ? EVIDENCE_TYPES.pdf : null;
  if (startsWith(bytes, PNG_SIGNATURE)) return isPng(bytes) ? EVIDENCE_TYPES.png : null;
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return isJpeg(bytes) ? EVIDENCE_TYPES.jpeg : null;
  if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a'))
    return isGif(bytes) ? EVIDENCE_TYPES.gif : null;
  if (startsWith(bytes, OLE2_SIGNATURE)) return isOle2(bytes) ? detectOle2(bytes) : null;
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === ZIP_LOCAL_HEADER) {
    const names = zipCentralDirectory(bytes);
    return names ? detectOoxml(names) : null;
  }
  return null;
}

/**
 * PDF (ISO 32000-1 §7.5): the header at offset 0 (readers tolerate it later, which is how HTML/PDF
 * polyglots work, so we do not), and at the end `startxref`, the offset of a cross-reference table
 * (`xref`) or stream (`N G obj`) inside the file, then `%%EOF` followed by nothing but white space.
 */
function isPdf(bytes: Buffer): boolean {
  if (!/^%PDF-[12]\.\d/.test(bytes.toString('latin1', 0, 8))) return false;
  const tail = bytes.toString('latin1', Math.max(0, bytes.length - 2048));
  const match = /startxref\s+(\d+)\s+%%EOF[\s\0]*$/.exec(tail);
  if (!match) return false;
  const offset = Number(match[1]);
  if (offset <= 0 || offset >= bytes.length) return false;
  const at = bytes.toString('latin1', offset, offset + 32);
  return /^xref\s/.test(at) || /^\d+\s+\d+\s+obj\b/.test(at);
}

/** PNG (ISO 15948 §5): signature, IHDR first, chunks whose lengths tile the file, IEND last. */
function isPng(bytes: Buffer): boolean {
  let offset = 8;
  let first = true;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (!/^[A-Za-z]{4}$/.test(type) || length > 0x7fffffff) return false;
    if (first && (type !== 'IHDR' || length !== 13)) return false;
    first = false;
    offset += 12 + length;
    if (type === 'IEND') return length === 0 && offset === bytes.length;
  }
  return false;
}

/**
 * JPEG (ITU T.81 Annex B): SOI, marker segments whose lengths chain up to the first SOS, entropy-coded
 * data, and EOI as the file's last two bytes (nothing, such as a page, appended after the image).
 */
function isJpeg(bytes: Buffer): boolean {
  let offset = 2;
  let sawFrame = false;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return false;
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9 || marker === 0x00) return false;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2;
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2) return false;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      sawFrame = true;
    if (marker === 0xda)
      return (
        sawFrame && offset + 2 + length < bytes.length - 2 && bytes.readUInt16BE(bytes.length - 2) === 0xffd9
      );
    offset += 2 + length;
  }
  return false;
}

/** GIF (GIF89a spec §17-27): screen descriptor, colour table, image/extension blocks, trailer 0x3B last. */
function isGif(bytes: Buffer): boolean {
  if (bytes.length < 14) return false;
  let offset = 13;
  const packed = bytes[10];
  if (packed & 0x80) offset += 3 * 2 ** ((packed & 0x07) + 1);
  const skipSubBlocks = () => {
    while (offset < bytes.length) {
      const size = bytes[offset];
      offset += 1 + size;
      if (size === 0) return true;
    }
    return false;
  };
  let images = 0;
  while (offset < bytes.length) {
    const introducer = bytes[offset];
    if (introducer === 0x3b) return images > 0 && offset === bytes.length - 1;
    if (introducer === 0x21) {
      offset += 2;
      if (!skipSubBlocks()) return false;
    } else if (introducer === 0x2c) {
      if (offset + 10 > bytes.length) return false;
      const local = bytes[offset + 9];
      offset += 10;
      if (local & 0x80) offset += 3 * 2 ** ((local & 0x07) + 1);
      offset += 1; // LZW minimum code size
      if (!skipSubBlocks()) return false;
      images += 1;
    } else return false;
  }
  return false;
}

/**
 * OLE2 compound file (MS-CFB §2.2): header with byte order FFFE, version 3 (512-byte sectors) or 4
 * (4096), mini sectors of 64 bytes, and at least the header sector plus one whole sector more.
 */
function isOle2(bytes: Buffer): boolean {
  if (bytes.length < 1024) return false;
  const major = bytes.readUInt16LE(0x1a);
  const sectorShift = bytes.readUInt16LE(0x1e);
  if (bytes.readUInt16LE(0x1c) !== 0xfffe || bytes.readUInt16LE(0x20) !== 6) return false;
  if (!((major === 3 && sectorShift === 9) || (major === 4 && sectorShift === 12))) return false;
  const sector = 2 ** sectorShift;
  const directoryStart = bytes.readUInt32LE(0x30);
  return bytes.length >= 2 * sector && (directoryStart + 2) * sector <= bytes.length + sector;
}

/** An OLE2 compound file is a Word, Excel or PowerPoint 97-2003 document by the name of its main stream. */
function detectOle2(bytes: Buffer): EvidenceType | null {
  const hasStream = (name: string) => bytes.includes(Buffer.from(name, 'utf16le'));
  if (hasStream('WordDocument')) return EVIDENCE_TYPES.doc;
  if (hasStream('Workbook') || hasStream('Book\u0000')) return EVIDENCE_TYPES.xls;
  if (hasStream('PowerPoint Document')) return EVIDENCE_TYPES.ppt;
  return null;
}

/** An Office Open XML package is a zip with [Content_Types].xml and the part folder of its application. */
function detectOoxml(names: string[]): EvidenceType | null {
  if (!names.includes('[Content_Types].xml')) return null;
  if (names.some((name) => name.startsWith('word/'))) return EVIDENCE_TYPES.docx;
  if (names.some((name) => name.startsWith('xl/'))) return EVIDENCE_TYPES.xlsx;
  if (names.some((name) => name.startsWith('ppt/'))) return EVIDENCE_TYPES.pptx;
  return null;
}

/**
 * The entry names of a well-formed zip (APPNOTE 4.3.16): the end-of-central-directory record found, its
 * directory inside the file, every central entry pointing at a local header. Null when damaged.
 */
export function zipCentralDirectory(bytes: Buffer): string[] | null {
  const searchFrom = Math.max(0, bytes.length - 22 - 0xffff);
  for (let end = bytes.length - 22; end >= searchFrom; end--) {
    if (bytes.readUInt32LE(end) !== ZIP_END_OF_CENTRAL_DIRECTORY) continue;
    const count = bytes.readUInt16LE(end + 10);
    const size = bytes.readUInt32LE(end + 12);
    let offset = bytes.readUInt32LE(end + 16);
    if (count === 0 || offset + size > end) return null;
    const names: string[] = [];
    for (let index = 0; index < count; index++) {
      if (offset + 46 > end || bytes.readUInt32LE(offset) !== ZIP_CENTRAL_HEADER) return null;
      const nameLength = bytes.readUInt16LE(offset + 28);
      const extraLength = bytes.readUInt16LE(offset + 30);
      const commentLength = bytes.readUInt16LE(offset + 32);
      const localHeader = bytes.readUInt32LE(offset + 42);
      if (localHeader + 30 > bytes.length || bytes.readUInt32LE(localHeader) !== ZIP_LOCAL_HEADER)
        return null;
      names.push(bytes.toString('utf8', offset + 46, offset + 46 + nameLength));
      offset += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  }
  return null;
}

/**
 * Entry names of a zip archive: from the central directory when the end record is found (sizes in
 * local headers may be deferred to data descriptors), else by walking the local headers.
 */
export function zipEntryNames(bytes: Buffer): string[] {
  const names: string[] = [];
  const searchFrom = Math.max(0, bytes.length - 22 - 0xffff);
  for (let end = bytes.length - 22; end >= searchFrom; end--) {
    if (bytes.readUInt32LE(end) !== ZIP_END_OF_CENTRAL_DIRECTORY) continue;
    const count = bytes.readUInt16LE(end + 10);
    let offset = bytes.readUInt32LE(end + 16);
    for (let index = 0; index < count && offset + 46 <= bytes.length; index++) {
      if (bytes.readUInt32LE(offset) !== ZIP_CENTRAL_HEADER) break;
      const nameLength = bytes.readUInt16LE(offset + 28);
      const extraLength = bytes.readUInt16LE(offset + 30);
      const commentLength = bytes.readUInt16LE(offset + 32);
      names.push(bytes.toString('utf8', offset + 46, Math.min(bytes.length, offset + 46 + nameLength)));
      offset += 46 + nameLength + extraLength + commentLength;
    }
    if (names.length > 0) return names;
    break;
  }
  let offset = 0;
  while (offset + 30 <= bytes.length && bytes.readUInt32LE(offset) === ZIP_LOCAL_HEADER) {
    const flags = bytes.readUInt16LE(offset + 6);
    const compressedSize = bytes.readUInt32LE(offset + 18);
    const nameLength = bytes.readUInt16LE(offset + 26);
    const extraLength = bytes.readUInt16LE(offset + 28);
    names.push(bytes.toString('utf8', offset + 30, Math.min(bytes.length, offset + 30 + nameLength)));
    // With a data descriptor (bit 3) the size is unknown here; the names read so far are all we get.
    if (flags & 0x08 && compressedSize === 0) break;
    offset += 30 + nameLength + extraLength + compressedSize;
  }
  return names;
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 ? '' : fileName.slice(dot).toLowerCase();
}

/**
 * The evidence type of a named file, or the reason it is refused: the content must be an accepted
 * kind and the name's extension must be one that kind carries (a renamed file is refused).
 */
export function checkEvidenceFile(
  fileName: string,
  bytes: Buffer,
): { type: EvidenceType } | { problem: string } {
  const extension = extensionOf(fileName);
  if (!ALLOWED_EXTENSIONS.includes(extension)) {
    return {
      problem: `file type ${extension || '(no extension)'} is not accepted; allowed: ${ALLOWED_EXTENSIONS.join(', ')}`,
    };
  }
  const type = detectFileType(bytes);
  if (!type)
    return {
      problem: `the content of ${fileName} is not a ${extension.slice(1).toUpperCase()} file (or is damaged)`,
    };
  if (!type.extensions.includes(extension)) {
    return {
      problem: `the content of ${fileName} is ${type.kind.toUpperCase()}, which does not match its extension ${extension}`,
    };
  }
  return { type };
}
