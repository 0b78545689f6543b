// 结构管理 in Chromium against the real stack (issue 14): the administrator adds a unit and an account
// bound to it and the new account signs in; a structure change (a unit renamed, a unit of the running year
// deactivated after the confirm dialog) leaves the published cycle as it was (Art. 6, per year).
import { publishDemoCycle } from '../support/cycleDriver';
import { startWebBrowserStack, type WebBrowserStack } from '../support/webBrowser';
import type { Page } from 'playwright-core';

const YEAR = 2034;

jest.setTimeout(360_000);

let web: WebBrowserStack;

beforeAll(async () => {
  web = await startWebBrowserStack();
});

afterEach(async () => {
  await web?.shootOpenPages('structure');
});

afterAll(async () => {
  await web?.teardown();
});

/**
 * Picks an option of the antd Select labelled `label` in the dialog, and waits until the field shows it.
 * On a loaded machine a click can land while the dropdown is still opening and be lost (the field stays
 * empty and the save is refused "请输入类别"); a person would pick again, and so does this, up to 3 times.
 */
async function choose(page: Page, label: string, option: string) {
  const dialog = page.getByRole('dialog');
  const field = dialog.locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) });
  for (let attempt = 1; ; attempt += 1) {
    await dialog.getByLabel(label, { exact: true }).click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
      .first()
      .click();
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline && !((await field.textContent()) ?? '').includes(option))
      await page.waitForTimeout(100);
    if (((await field.textContent()) ?? '').includes(option)) return;
    if (attempt === 3) throw new Error(`${label}: the option ${option} was not taken after 3 picks`);
  }
}

test('the administrator adds a unit and an account for it, and the account signs in', async () => {
  const { stack } = web;
  const { page } = await web.signInPage('admin');
  // Every role lands on its to-do (issue 14); the administrator's menu leads on to the structure page,
  // not to a refused dashboard.
  await page.getByRole('heading', { name: '我的待办' }).waitFor();
  await page.getByRole('menuitem', { name: '结构管理' }).click();
  await page.getByRole('heading', { name: '结构管理' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/structure');

  await page.getByRole('button', { name: '新增单位' }).click();
  const unitDialog = page.getByRole('dialog');
  await unitDialog.getByLabel('代码', { exact: true }).fill('xinqu');
  await unitDialog.getByLabel('名称', { exact: true }).fill('长兴岛新区总工会');
  await choose(page, '类别', '开放先导区');
  await unitDialog.getByLabel('主要负责人', { exact: true }).fill('李新');
  await unitDialog.getByLabel('主要负责人邮箱', { exact: true }).fill('lixin@example.org');
  await unitDialog.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByRole('cell', { name: '长兴岛新区总工会', exact: true }).waitFor();
  const unit = await stack.db.unit.findUniqueOrThrow({
    where: { code: 'xinqu' },
    include: { category: true },
  });
  expect(unit.category.code).toBe('PILOT');
  expect(await stack.db.auditLog.count({ where: { action: 'unit.create', targetId: unit.id } })).toBe(1);

  await page.getByRole('tab', { name: '账号' }).click();
  await page.getByRole('button', { name: '新增账号' }).click();
  const accountDialog = page.getByRole('dialog');
  await accountDialog.getByLabel('用户名', { exact: true }).fill('unit-xinqu');
  await accountDialog.getByLabel('姓名', { exact: true }).fill('王干事');
  await choose(page, '所属单位', '长兴岛新区总工会');
  // A password that breaks the rule is refused next to the field, nothing is stored.
  await accountDialog.getByLabel('初始密码', { exact: true }).fill('short');
  await accountDialog.getByRole('button', { name: /保\s*存/ }).click();
  await page
    .getByText(/至少|10/)
    .first()
    .waitFor();
  expect(await stack.db.user.count({ where: { username: 'unit-xinqu' } })).toBe(0);
  await accountDialog.getByLabel('初始密码', { exact: true }).fill('Xinqu-start-2034');
  await accountDialog.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByRole('cell', { name: 'unit-xinqu', exact: true }).waitFor();
  // Names, never ids: the account's row names its unit.
  await page
    .getByRole('row', { name: /unit-xinqu/ })
    .getByText('长兴岛新区总工会')
    .waitFor();

  const context = await web.browser.newContext({ locale: 'zh-CN' });
  const fresh = await context.newPage();
  await fresh.goto(web.baseUrl);
  await fresh.getByLabel('用户名').fill('unit-xinqu');
  await fresh.getByLabel('密码').fill('Xinqu-start-2034');
  await fresh.getByRole('button', { name: /登\s*录/ }).click();
  await fresh
    .getByTestId('current-user')
    .getByText(/王干事/)
    .waitFor();
  expect(new URL(fresh.url()).pathname).toBe('/todo'); // every role's first page (issue 14)
  await context.close();
});

test('a structure change leaves the published cycle as it was', async () => {
  const { stack } = web;
  await publishDemoCycle(stack, YEAR);
  const { page } = await web.signInPage('office1');
  await page.goto(`${web.baseUrl}/structure`);
  await page.getByRole('heading', { name: '结构管理' }).waitFor();

  // Rename 中山区总工会.
  await page.getByRole('button', { name: '编辑 中山区总工会' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('名称', { exact: true }).fill('中山区总工会（合并后）');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByRole('cell', { name: '中山区总工会（合并后）', exact: true }).waitFor();

  // Deactivate 西岗区总工会: it is in the running year, so the page explains and asks first.
  await page.getByRole('button', { name: '停用 西岗区总工会' }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByText(`正在参加 ${YEAR} 年度考核`).waitFor();
  await confirm.getByText(/不再参加以后发布的年度/).waitFor();
  const xigang = await stack.db.unit.findUniqueOrThrow({ where: { code: 'xigang' } });
  expect(xigang.active).toBe(true); // nothing changed before the confirmation
  await confirm.getByRole('button', { name: '确认停用' }).click();
  await page
    .getByRole('row', { name: /西岗区总工会/ })
    .getByText('停用', { exact: true })
    .waitFor();
  expect((await stack.db.unit.findUniqueOrThrow({ where: { code: 'xigang' } })).active).toBe(false);

  // A party-group member ranks the published year's units: the old name, and 西岗区 still there.
  const member = await web.signInPage('member1');
  await member.page.goto(`${web.baseUrl}/ranking`);
  await member.page.getByText('西岗区总工会', { exact: true }).first().waitFor();
  await member.page.getByText('中山区总工会', { exact: true }).first().waitFor();
  expect(await member.page.getByText('中山区总工会（合并后）').count()).toBe(0);
});
