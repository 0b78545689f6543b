// Targets from an Excel workbook and last year as a template (issue 14), in Chromium against the real
// stack: the office downloads the template, imports a workbook with errors (each shown at its sheet,
// row and column; nothing stored), then a correct one (preview, confirmation), exports it back; and
// creates next year's cycle from this year's, with the checkpoint dates a year later.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { signIn } from '../support/testStack';
import { startWebBrowserStack, type WebBrowserStack } from '../support/webBrowser';
import { demoTargets } from '../../runtime/seed/demoTargets';
import { currentTargets } from '../../api/targets/targetsOfCycle';

const YEAR = 2037;

jest.setTimeout(360_000);

let web: WebBrowserStack;
let cycleId: string;

beforeAll(async () => {
  web = await startWebBrowserStack();
  const office = await signIn(web.stack.app, 'office1');
  const targets = demoTargets(YEAR, new Date('2037-01-12T01:00:00.000Z'));
  expect((await office.post('/api/cycles', targets.cycle)).status).toBe(201);
  for (const indicator of targets.indicators)
    expect((await office.post(`/api/cycles/${YEAR}/indicators`, indicator)).status).toBe(201);
  cycleId = (await web.stack.db.cycle.findUniqueOrThrow({ where: { year: YEAR } })).id;
});

afterEach(async () => {
  await web?.shootOpenPages('targets-import');
});

afterAll(async () => {
  await web?.teardown();
});

async function download(page: Page, name: RegExp): Promise<{ file: string; bytes: Buffer }> {
  const [event] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name }).click(),
  ]);
  return { file: event.suggestedFilename(), bytes: fs.readFileSync((await event.path())!) };
}
async function workbookOf(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}
async function choose(page: Page, bytes: Buffer) {
  await page.locator('input[type=file]').setInputFiles({
    name: 'targets.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: bytes,
  });
}

test('import a workbook with errors (each at its row and column, nothing stored), then a correct one, then export it back', async () => {
  const { stack } = web;
  const before = await currentTargets(stack.db, cycleId);
  const { page } = await web.signInPage('office1');
  await page.getByRole('menuitem', { name: '目标设定' }).click();

  const template = await download(page, /下载模板/);
  expect(template.file).toBe(`${YEAR}年度指标体系模板.xlsx`);
  expect((await workbookOf(template.bytes)).worksheets.map((sheet) => sheet.name)).toEqual([
    '指标',
    '节点',
    '不承担单位',
    '选项',
  ]);

  // The current targets, exported, then spoiled in four places.
  const exported = await download(page, /^download 导\s*出$|^导\s*出$/);
  expect(exported.file).toBe(`${YEAR}年度指标体系.xlsx`);
  const spoiled = await workbookOf(exported.bytes);
  spoiled.getWorksheet('指标')!.getCell('E2').value = 12.34567;
  spoiled.getWorksheet('指标')!.getCell('F3').value = '不存在的部门';
  spoiled.getWorksheet('节点')!.getCell('D3').value = '2037-02-30';
  spoiled.getWorksheet('不承担单位')!.getCell('B2').value = '不存在的单位';
  await choose(page, Buffer.from(await spoiled.xlsx.writeBuffer()));
  const problems = page.getByTestId('target-import-problems');
  await problems.waitFor();
  const row = (text: RegExp) => problems.getByRole('row', { name: text });
  await row(/指标\s*E2（权重）\s*最多保留 4 位小数/).waitFor();
  await row(/指标\s*F3（责任部门）\s*没有名为“不存在的部门”的部门/).waitFor();
  await row(/节点\s*D3（截止时间）\s*“2037-02-30”不是有效日期/).waitFor();
  await row(/不承担单位\s*B2（单位）\s*没有名为“不存在的单位”的单位/).waitFor();
  await row(/指标\s*整表（权重）\s*重点工作任务类指标权重合计须为 80/).waitFor();
  await page.getByText(/工作簿有 \d+ 个问题，未导入任何内容/).waitFor();
  await web.shot(page, 'targets-import-problems');
  expect(await currentTargets(stack.db, cycleId)).toEqual(before);

  // A correct workbook: the export with one indicator renamed and one more unit not undertaking M1.
  const edited = await workbookOf(exported.bytes);
  edited.getWorksheet('指标')!.getCell('B2').value = '落实年度重点任务（导入修改）';
  edited.getWorksheet('不承担单位')!.addRow(['M1', '中山区总工会', '本年度无此项工作']);
  await choose(page, Buffer.from(await edited.xlsx.writeBuffer()));
  const preview = page.getByTestId('target-import-preview');
  await preview.getByText(/检查通过：将导入 \d+ 个指标/).waitFor();
  await preview.getByText(/将替换现有的/).waitFor();
  await web.shot(page, 'targets-import-preview');
  expect(await currentTargets(stack.db, cycleId)).toEqual(before);
  await preview.getByRole('button', { name: /确认导入/ }).click();
  // The confirmation before existing targets are replaced.
  await page.getByText('确认用工作簿替换本周期现有的全部指标？此操作不可撤销。').waitFor();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确认导入/ })
    .click();
  await page.getByText(/已导入 \d+ 个指标/).waitFor();
  await page.getByRole('cell', { name: '落实年度重点任务（导入修改）' }).waitFor();
  const after = await currentTargets(stack.db, cycleId);
  expect(after[0].name).toBe('落实年度重点任务（导入修改）');
  expect(after.find((indicator) => indicator.code === 'M1')!.notUndertaken).toContainEqual({
    unitCode: 'zhongshan',
    reason: '本年度无此项工作',
  });

  // Exported back: the same targets as stored.
  const back = await workbookOf((await download(page, /^download 导\s*出$|^导\s*出$/)).bytes);
  expect(back.getWorksheet('指标')!.getCell('B2').value).toBe('落实年度重点任务（导入修改）');
  expect(back.getWorksheet('节点')!.rowCount).toBe(
    1 + after.flatMap((indicator) => indicator.checkpoints).length,
  );
});

test("create next year's cycle from this year's", async () => {
  const { stack } = web;
  const { page } = await web.signInPage('office1');
  await page.getByRole('menuitem', { name: '目标设定' }).click();
  const card = page.getByTestId('new-cycle');
  await card.getByText('以往年为模板').waitFor();
  await card.getByLabel('新年度').fill(String(YEAR + 1));
  await card.getByRole('button', { name: /创\s*建/ }).click();
  await page.getByText(`已创建 ${YEAR + 1} 年度考核周期`).waitFor();
  await page.getByRole('heading', { name: new RegExp(`${YEAR + 1}年度`) }).waitFor();
  await web.shot(page, 'targets-next-year');
  const source = await currentTargets(stack.db, cycleId);
  const copy = await stack.db.cycle.findUniqueOrThrow({ where: { year: YEAR + 1 } });
  expect(copy.publishedAt).toBeNull();
  const copied = await currentTargets(stack.db, copy.id);
  expect(copied.map((indicator) => [indicator.code, indicator.name, indicator.weight])).toEqual(
    source.map((indicator) => [indicator.code, indicator.name, indicator.weight]),
  );
  const firstDue = new Date(source[0].checkpoints[0].dueAt);
  firstDue.setUTCFullYear(firstDue.getUTCFullYear() + 1);
  expect(copied[0].checkpoints[0].dueAt).toBe(firstDue.toISOString());
  // Editable before publication: the indicators of the new year are listed with their edit buttons.
  await page
    .getByRole('button', { name: /编\s*辑/ })
    .first()
    .waitFor();
});
