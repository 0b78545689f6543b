// The evidence type check reads the bytes, not the name (Art. 8 evidence must be what it claims):
// real files produced by real libraries pass, renamed and forged ones fail.
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { checkEvidenceFile, detectFileType, zipEntryNames } from '../../api/evidence/detectFileType';
import { safeFileName } from '../../api/evidence/evidenceStorage';

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32)]);
const GIF = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(16)]);
const ole2 = (stream: string) =>
  Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(504),
    Buffer.from(stream, 'utf16le'),
    Buffer.alloc(64),
  ]);

async function docxBytes() {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('上半年节点完成情况')] }] }));
}
async function xlsxBytes() {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('台账').addRow(['单位', '完成率']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('detectFileType', () => {
  test.each([
    ['pdf', PDF],
    ['png', PNG],
    ['jpeg', JPEG],
    ['gif', GIF],
    ['doc', ole2('WordDocument')],
    ['xls', ole2('Workbook')],
    ['ppt', ole2('PowerPoint Document')],
  ])('recognises %s from its bytes', (kind, bytes) => {
    expect(detectFileType(bytes)?.kind).toBe(kind);
  });

  test('recognises a docx written by the docx library and an xlsx written by exceljs', async () => {
    const docx = await docxBytes();
    expect(zipEntryNames(docx)).toContain('[Content_Types].xml');
    expect(detectFileType(docx)?.kind).toBe('docx');
    expect(detectFileType(await xlsxBytes())?.kind).toBe('xlsx');
  });

  test('an OLE2 file without a Word, Excel or PowerPoint stream, plain text and a bare zip are not evidence', () => {
    expect(detectFileType(ole2('SomethingElse'))).toBeNull();
    expect(detectFileType(Buffer.from('just some text, not a document'))).toBeNull();
    const bareZip = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.alloc(10),
    ]);
    expect(detectFileType(bareZip)).toBeNull();
  });
});

describe('checkEvidenceFile', () => {
  test('the extension must agree with the content', async () => {
    expect(checkEvidenceFile('报告.pdf', PDF)).toEqual({
      type: expect.objectContaining({ kind: 'pdf', mimeType: 'application/pdf' }),
    });
    expect(checkEvidenceFile('photo.JPG', JPEG)).toEqual({ type: expect.objectContaining({ kind: 'jpeg' }) });
    expect(checkEvidenceFile('fake.pdf', Buffer.from('MZ\x90\x00 this is an executable', 'latin1'))).toEqual({
      problem: expect.stringContaining('not a PDF'),
    });
    expect(checkEvidenceFile('renamed.pdf', PNG)).toEqual({
      problem: expect.stringContaining('PNG, which does not match its extension .pdf'),
    });
    expect(checkEvidenceFile('sheet.docx', await xlsxBytes())).toEqual({
      problem: expect.stringContaining('XLSX'),
    });
    expect(checkEvidenceFile('script.exe', PDF)).toEqual({
      problem: expect.stringContaining('.exe is not accepted'),
    });
    expect(checkEvidenceFile('noextension', PDF)).toEqual({
      problem: expect.stringContaining('(no extension)'),
    });
  });
});

describe('safeFileName', () => {
  test('keeps Chinese names, drops path separators and reserved characters', () => {
    expect(safeFileName('上半年 节点材料.pdf')).toBe('上半年 节点材料.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('a<b>:c|d?.pdf')).toBe('a_b__c_d_.pdf');
    expect(safeFileName('...')).toBe('file');
    expect(Array.from(safeFileName(`${'长'.repeat(200)}.docx`))).toHaveLength(65);
  });
});
