// `npm run mail:preview`: renders every notice template in both locales with demo data (mail/demoNoticeData.ts)
// into test-artifacts/mail-preview/<event>.<locale>.html|txt, with an index.html listing them all.
import fs from 'node:fs';
import path from 'node:path';
import { NOTICE_ARTICLES, NOTICE_AUDIENCE, NOTICE_EVENTS, NOTICE_LOCALES } from '../mail/noticeEvents';
import { previewNotice } from '../mail/demoNoticeData';
import { formatArticles } from '../format/articles';

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function writeMailPreview(outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const rows: string[] = [];
  const written: string[] = [];
  for (const event of NOTICE_EVENTS) {
    const cells: string[] = [];
    for (const locale of NOTICE_LOCALES) {
      const notice = previewNotice(event, locale);
      const base = `${event}.${locale}`;
      fs.writeFileSync(path.join(outDir, `${base}.html`), notice.html);
      fs.writeFileSync(path.join(outDir, `${base}.txt`), `Subject: ${notice.subject}\n\n${notice.text}`);
      written.push(`${base}.html`, `${base}.txt`);
      cells.push(
        `<td><a href="${base}.html">${escapeHtml(notice.subject)}</a> · <a href="${base}.txt">text</a></td>`,
      );
    }
    rows.push(
      `<tr><td><code>${event}</code></td><td>${NOTICE_AUDIENCE[event]}</td><td>${formatArticles(NOTICE_ARTICLES[event], 'zh-CN')}</td>${cells.join('')}</tr>`,
    );
  }
  const index = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Kaohe notice templates</title>
<style>body{font-family:sans-serif;margin:24px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}</style>
</head><body>
<h1>Kaohe notice templates (${NOTICE_EVENTS.length} events × ${NOTICE_LOCALES.length} locales, demo data)</h1>
<table><thead><tr><th>Event</th><th>Audience</th><th>Articles</th>${NOTICE_LOCALES.map((locale) => `<th>${locale}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>
</body></html>
`;
  fs.writeFileSync(path.join(outDir, 'index.html'), index);
  written.push('index.html');
  return written;
}

if (require.main === module) {
  const outDir = path.resolve(
    process.argv[2] ?? path.join(__dirname, '..', 'test-artifacts', 'mail-preview'),
  );
  const written = writeMailPreview(outDir);
  console.log(`${written.length} files written to ${outDir}`);
}
