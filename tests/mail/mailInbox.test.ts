// The development inbox of `npm start` without SMTP_URL (runtime/mailInbox.ts): MailDev really starts,
// accepts a notice over SMTP, and shows it through its REST API and web UI.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createMailTransport } from '../../mail/mailer';
import { previewNotice } from '../../mail/demoNoticeData';

let child: ChildProcess;
let urls: { smtpUrl: string; webUrl: string };
const mailDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'kaohe-maildev-'));

beforeAll(async () => {
  const tsx = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
  child = spawn(tsx, [path.join(__dirname, 'fixtures', 'mailInboxProcess.ts'), mailDirectory], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  urls = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('{')) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`mail inbox exited with ${code}`)));
  });
});

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(mailDirectory, { recursive: true, force: true });
});

test('MailDev listens on 127.0.0.1 and lists a delivered notice through its REST API', async () => {
  expect(urls.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
  expect(urls.webUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  const notice = previewNotice('CRITICISM_NOTICE', 'zh-CN');
  const mailer = createMailTransport(urls.smtpUrl);
  try {
    await mailer.send({
      from: '考核工作办公室 <kaohe@example.org>',
      to: { name: '中共长海县委员会', address: 'committee@changhai.gov.example.org' },
      subject: notice.subject,
      html: notice.html,
      text: notice.text,
      messageId: '<maildev-check@kaohe>',
    });
  } finally {
    mailer.close();
  }
  const emails = (await (await fetch(`${urls.webUrl}api/email`)).json()) as {
    subject: string;
    to: { address: string }[];
    text: string;
  }[];
  expect(emails).toHaveLength(1);
  expect(emails[0].subject).toBe('关于对长海县总工会2026年度工作实绩考核不合格的通报批评');
  expect(emails[0].to.map((to) => to.address)).toEqual(['committee@changhai.gov.example.org']);
  expect(emails[0].text).toContain('2027年2月4日');
  const ui = await fetch(urls.webUrl, { headers: { accept: 'text/html' } });
  expect(ui.status).toBe(200);
  expect(await ui.text()).toMatch(/<!doctype html>/i);
});
