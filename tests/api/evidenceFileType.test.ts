// The evidence type check reads the bytes, not the name (Art. 8 evidence must be what it claims):
// real files produced by real libraries pass, renamed and forged ones fail.
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { checkEvidenceFile, detectFileType, zipEntryNames } from '../../api/evidence/detectFileType';
import { safeFileName } from '../../api/evidence/evidenceStorage';
import { minimalGif, minimalJpeg, minimalPdf, minimalPng, ole2 } from '../support/evidenceFixtures';

export const PDF = minimalPdf();
const PNG = minimalPng();
const JPEG = minimalJpeg();
const GIF = minimalGif();

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

describe('structure, not only the first bytes (issue 12 §3, issue 16)', () => {
  const html = '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>';
  test.each([
    [
      'a plain-text file that starts with %PDF-1.4',
      Buffer.from('%PDF-1.4 these are just notes, not a document\n'),
    ],
    ['a PDF header without startxref/%%EOF', Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n')],
    [
      'a PDF whose startxref points nowhere',
      Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\nstartxref\n999999\n%%EOF\n'),
    ],
    [
      'an HTML page with a %PDF- marker in its first kilobyte',
      Buffer.from(`${html}\n${minimalPdf().toString('latin1')}`, 'latin1'),
    ],
    ['a PDF followed by an HTML page', Buffer.concat([minimalPdf(), Buffer.from(html)])],
    [
      'JPEG magic followed by an HTML page',
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(html)]),
    ],
    ['a valid JPEG with an HTML page appended', Buffer.concat([minimalJpeg(), Buffer.from(html)])],
    ['a PNG signature and nothing more', Buffer.concat([minimalPng().subarray(0, 8), Buffer.alloc(32)])],
    ['a PNG with bytes after IEND', Buffer.concat([minimalPng(), Buffer.from(html)])],
    ['a GIF header without its trailer', minimalGif().subarray(0, minimalGif().length - 1)],
    [
      'an OLE2 signature with a zeroed header',
      Buffer.concat([ole2('WordDocument').subarray(0, 8), Buffer.alloc(2000)]),
    ],
    ['a truncated docx (central directory cut off)', Buffer.alloc(0)],
  ])('refuses %s', async (_label, bytes) => {
    const input = bytes.length ? bytes : (await docxBytes()).subarray(0, 400);
    expect(detectFileType(input)).toBeNull();
  });

  test('the polyglots are refused under their claimed names', () => {
    const page = Buffer.from(`<html><body>%PDF-1.4 <script>fetch('/api/auth/me')</script></body></html>`);
    expect(checkEvidenceFile('report.pdf', page)).toEqual({ problem: expect.any(String) });
    const jpegPage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), page]);
    expect(checkEvidenceFile('photo.jpg', jpegPage)).toEqual({ problem: expect.any(String) });
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
