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

/** Detects the type from the content alone; null when it is none of the accepted kinds. */
export function detectFileType(bytes: Buffer): EvidenceType | null {
  // PDF readers accept the header anywhere in the first 1024 bytes (PDF 1.7 §7.5.2 implementation note).
  if (bytes.subarray(0, 1024).includes('%PDF-', 0, 'latin1')) return EVIDENCE_TYPES.pdf;
  if (startsWith(bytes, PNG_SIGNATURE)) return EVIDENCE_TYPES.png;
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return EVIDENCE_TYPES.jpeg;
  if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) return EVIDENCE_TYPES.gif;
  if (startsWith(bytes, OLE2_SIGNATURE)) return detectOle2(bytes);
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === ZIP_LOCAL_HEADER)
    return detectOoxml(zipEntryNames(bytes));
  return null;
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
