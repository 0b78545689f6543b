// Form bugs of issue 13, in Chromium against the real stack (target setting only, no time skipping):
// Enter in a date picker does not create the cycle; ticking 引入第三方评估 moves 10/5 to 8/4/3 (Art. 11;
// SPEC §4) and the cycle is stored so; a new checkpoint's default date falls before the self-check
// opens (Art. 8); checkpoint shares summing to more than 1 block saving (Art. 8, 11).
import { startWebBrowserStack, type WebBrowserStack } from '../support/webBrowser';

const YEAR = 2035;

jest.setTimeout(240_000);

let web: WebBrowserStack;

beforeAll(async () => {
  web = await startWebBrowserStack();
});

afterEach(async () => {
  await web?.shootOpenPages('forms');
});

afterAll(async () => {
  await web?.teardown();
});

test('target setting: Enter in a date picker, third-party weights, checkpoint default date and shares', async () => {
  const { stack } = web;
  const office = await web.signInPage('office1');
  const page = office.page;
  await page.getByRole('menuitem', { name: '目标设定' }).click();
  await page.getByLabel('年度').fill(String(YEAR));
  const dates: [string, string][] = [
    ['自查开始', `${YEAR}-12-10 00:00:00`],
    ['自查截止', `${YEAR}-12-20 00:00:00`],
    ['核验截止', `${YEAR}-12-25 00:00:00`],
    ['综合评价截止', `${YEAR}-12-30 00:00:00`],
  ];
  for (const [label, value] of dates) {
    const input = page.getByLabel(label, { exact: true });
    await input.click();
    await input.fill(value);
    // Enter confirms the typed date; before the fix the last one submitted the whole form.
    await input.press('Enter');
  }
  await page.waitForTimeout(1000);
  expect(await stack.db.cycle.count({ where: { year: YEAR } })).toBe(0);
  expect(await page.getByLabel('综合评价截止', { exact: true }).inputValue()).toBe(`${YEAR}-12-30 00:00:00`);

  // The comprehensive weights follow the box (Art. 11).
  const weights = page.getByTestId('comprehensive-weights');
  await weights.getByText('综合评价分值：领导评价 10、部门评价 5（第十一条）').waitFor();
  await page.getByRole('checkbox', { name: '引入第三方评估' }).check();
  await weights.getByText('领导评价 8、部门评价 4、第三方评估 3').waitFor();
  await web.shot(page, 'forms-01-create-cycle');
  await page.getByRole('button', { name: /提\s*交/ }).click();
  const cycle = await (async () => {
    for (let wait = 0; wait < 100; wait++) {
      const row = await stack.db.cycle.findUnique({ where: { year: YEAR } });
      if (row) return row;
      await page.waitForTimeout(100);
    }
    throw new Error('cycle not created');
  })();
  expect(cycle.useThirdParty).toBe(true);
  expect((cycle.scoringConfig as { comprehensive: unknown }).comprehensive).toEqual({
    leader: 8,
    department: 4,
    thirdParty: 3,
  });

  // A new checkpoint's default date lies before the self-check opens (here within 30 days or not,
  // never on or after it).
  await page.getByRole('button', { name: '新增节点' }).waitFor();
  await page.getByLabel('编号', { exact: true }).first().fill('K1');
  await page.getByLabel('名称', { exact: true }).fill('基层工会组建');
  await page.getByLabel('权重', { exact: true }).fill('12');
  await page.getByRole('button', { name: '新增节点' }).click();
  await page.getByRole('button', { name: '新增节点' }).click();
  const due = await page.locator('#indicator_checkpoints_0_dueAt').inputValue();
  expect(Date.parse(due.replace(' ', 'T'))).toBeLessThan(Date.parse(`${YEAR}-12-10T00:00:00`));
  // Shares 0.7 + 0.6 = 1.3: the alert shows and saving is blocked (nothing stored).
  for (const [index, code] of ['K1-R1', 'K1-R2'].entries()) {
    await page.locator(`#indicator_checkpoints_${index}_code`).fill(code);
    await page.locator(`#indicator_checkpoints_${index}_name`).fill(`节点 ${index + 1}`);
  }
  await page.locator('#indicator_checkpoints_0_share').fill('0.7');
  await page.locator('#indicator_checkpoints_1_share').fill('0.6');
  await page.getByRole('alert').filter({ hasText: '节点占比合计 1.3 超过 1' }).first().waitFor();
  await page
    .locator('#indicator')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await page.waitForTimeout(1500);
  expect(await stack.db.indicator.count({ where: { cycleId: cycle.id } })).toBe(0);
  await web.shot(page, 'forms-02-shares-blocked');
  // Corrected to 0.7 + 0.3: saved.
  await page.locator('#indicator_checkpoints_1_share').fill('0.3');
  await page
    .locator('#indicator')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await page.getByText('已保存').first().waitFor();
  expect(await stack.db.indicator.count({ where: { cycleId: cycle.id } })).toBe(1);
  await office.context.close();
});
