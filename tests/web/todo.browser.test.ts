// The to-do (待办, issue 14) in Chromium against the real stack: every role lands on it after sign-in;
// a unit, the office, a department head and a party-group member see what they must do, with the
// deadline, the time left or overdue in red, and the menu's badges; each item opens the page that
// does it; after they act the item leaves and the count drops. The office's page refreshes by itself.
// Stages nobody here acts in are moved on through the workflow contract (tests/support/cycleDriver.ts).
import { minimalPdf } from '../support/evidenceFixtures';
import {
  advanceTo,
  eventually,
  openDemoCycle,
  rankEverywhere,
  verifyUnits,
  waitForStage,
} from '../support/cycleDriver';
import { startWebBrowserStack, type WebBrowserStack } from '../support/webBrowser';
import { submitForApprovalUpdate } from '../../workflows/contract';
import { REFRESH_MS } from '../../web/src/logic/refreshInterval';
import type { Page } from 'playwright-core';

const YEAR = 2042;

jest.setTimeout(480_000);

let web: WebBrowserStack;

beforeAll(async () => {
  web = await startWebBrowserStack();
});

afterEach(async () => {
  await web?.shootOpenPages('todo');
});

afterAll(async () => {
  await web?.teardown();
});

const badge = (page: Page, key: string) => page.getByTestId(`menu-badge-${key}`);
async function expectBadge(page: Page, key: string, count: number) {
  await badge(page, key).getByText(String(count), { exact: true }).waitFor();
}
/** Back to the to-do through the menu (its entry carries the total as a badge). */
async function openTodo(page: Page) {
  await page.getByRole('menuitem', { name: '我的待办' }).click();
  await page.waitForURL('**/todo');
  await page.getByRole('heading', { name: '我的待办' }).waitFor();
}

test('the to-do of a unit, the office, a department head and a member, before and after they act', async () => {
  const { stack } = web;
  // changhai's principal leader address is refused: the office gets a failed notice to handle.
  stack.inbox.rejectRecipient('leader@changhai.union.example.org');
  const ctx = await openDemoCycle(stack, YEAR);
  await waitForStage(ctx, 'CHECKPOINTS');
  const k1r1 = ctx.checkpoints.find((row) => row.code === 'K1-R1')!;

  // ----- Unit: its missing evidence per round, with deadline and time left -----
  const unit = await web.signInPage('unit-zhongshan');
  await unit.page.waitForURL('**/todo');
  await unit.page.getByRole('heading', { name: '我的待办' }).waitFor();
  const evidence = unit.page.getByTestId(`todo-CHECKPOINT_EVIDENCE-${YEAR}`);
  await evidence.nth(1).waitFor();
  expect(await evidence.count()).toBe(2);
  const first = evidence.first();
  await first.getByRole('link', { name: '提交过程节点证明材料：1个节点' }).waitFor();
  await first.getByText(k1r1.name).waitFor();
  await first.getByText(/截止：.*剩余\d+天\d+小时/).waitFor();
  expect(await first.getAttribute('data-overdue')).toBe('false');
  await expectBadge(unit.page, 'myTargets', 2);
  await expectBadge(unit.page, 'todo', 2);
  await web.shot(unit.page, 'todo-01-unit-before');
  // One click to the page that does it; the unit submits K1-R1's evidence there.
  await first.getByRole('link').click();
  await unit.page.waitForURL('**/my/targets');
  const card = unit.page.getByTestId('checkpoint-K1-R1');
  await card.getByLabel('完成情况说明').fill('上半年任务完成，附总结。');
  await card
    .locator('input[type=file]')
    .setInputFiles({ name: '待办节点总结.pdf', mimeType: 'application/pdf', buffer: minimalPdf() });
  await eventually(
    async () => (await stack.db.evidenceFile.count({ where: { originalName: '待办节点总结.pdf' } })) === 1,
    'evidence stored',
    30_000,
  );
  await card.getByRole('button', { name: '提交节点材料' }).click();
  await card.getByText('已按时提交').waitFor();
  await openTodo(unit.page);
  await expectBadge(unit.page, 'myTargets', 1);
  expect(await evidence.count()).toBe(1);
  await evidence
    .first()
    .getByText(ctx.checkpoints.find((row) => row.code === 'K1-R2')!.name)
    .waitFor();
  await web.shot(unit.page, 'todo-02-unit-after');

  // ----- A unit past the due date: overdue, in red -----
  await advanceTo(stack, Date.parse(ctx.targets.roundDueDates[0]) + 1000);
  const late = await web.signInPage('unit-changhai');
  const lateItem = late.page.getByTestId(`todo-CHECKPOINT_EVIDENCE-${YEAR}`).first();
  await lateItem.getByText(/已逾期/).waitFor();
  expect(await lateItem.getAttribute('data-overdue')).toBe('true');
  expect(await lateItem.locator('.ant-typography-danger').count()).toBe(1);
  await web.shot(late.page, 'todo-03-unit-overdue');
  await late.context.close();

  // ----- Office: the verification queue and the failed notice; the page refreshes by itself -----
  const office = await web.signInPage('office1');
  await office.page.waitForURL('**/todo');
  const queue = office.page.getByTestId(`todo-CHECKPOINT_VERIFICATION-${YEAR}`);
  await queue.getByRole('link', { name: '核验过程节点证明材料：1份' }).waitFor();
  await queue.getByText('中山区总工会').waitFor();
  await office.page
    .getByTestId(`todo-FAILED_NOTICE-${YEAR}`)
    .getByText(/长海县/)
    .waitFor();
  await expectBadge(office.page, 'verification', 1);
  // (Reminders to the refused address fail too, so their number grows through the year.)
  await badge(office.page, 'notifications').waitFor();
  await web.shot(office.page, 'todo-04-office-before');
  // The verification is recorded elsewhere (another member of the office): the open page follows.
  await stack.actions.verifyCheckpoints(ctx.cycle, {
    actor: ctx.who.office,
    entries: [{ checkpointId: k1r1.id, unitId: ctx.unitId('zhongshan'), fraction: 1, method: 'ON_SITE' }],
  });
  await queue.waitFor({ state: 'detached', timeout: REFRESH_MS + 15_000 });
  await badge(office.page, 'verification').waitFor({ state: 'detached' });
  await badge(office.page, 'notifications').waitFor();
  await web.shot(office.page, 'todo-05-office-after');

  // ----- Department head: rankings per category, submitted on the ranking page (Art. 13) -----
  await advanceTo(stack, Date.parse(ctx.targets.cycle.schedule.selfCheckOpensAt) + 1000);
  await advanceTo(stack, Date.parse(ctx.targets.cycle.schedule.selfCheckDueAt) + 1000);
  await waitForStage(ctx, 'VERIFICATION');
  await verifyUnits(
    ctx,
    ctx.units.map((row) => row.code),
    () => 0.9,
  );
  await advanceTo(stack, Date.parse(ctx.targets.cycle.schedule.verificationDueAt) + 1000);
  await waitForStage(ctx, 'EVALUATION');
  const department = await web.signInPage('dept-legal');
  const ranking = department.page.getByTestId(`todo-RANKING-${YEAR}`);
  await ranking.getByRole('link', { name: '提交综合评价排序：3个类别' }).waitFor();
  for (const category of ctx.categories) await ranking.getByText(category.name, { exact: false }).waitFor();
  await expectBadge(department.page, 'ranking', 3);
  await web.shot(department.page, 'todo-06-department-before');
  await ranking.getByRole('link').click();
  await department.page.waitForURL('**/ranking');
  const urban = department.page.getByTestId('ranking-URBAN');
  await urban.getByRole('button', { name: '提交排序' }).click();
  await urban.getByText('已提交').waitFor();
  await openTodo(department.page);
  await ranking.getByRole('link', { name: '提交综合评价排序：2个类别' }).waitFor();
  await expectBadge(department.page, 'ranking', 2);
  await web.shot(department.page, 'todo-07-department-after');

  // ----- Party-group member: rankings, then the vote on the results (Art. 13, 18) -----
  const member = await web.signInPage('member1');
  await member.page
    .getByTestId(`todo-RANKING-${YEAR}`)
    .getByRole('link', { name: /3个类别/ })
    .waitFor();
  await rankEverywhere(ctx, (categoryCode) =>
    ctx.units.filter((row) => row.category.code === categoryCode).map((row) => row.code),
  );
  await waitForStage(ctx, 'SCORING');
  await openTodo(member.page);
  await member.page.getByText('当前没有需要您办理的事项').waitFor();
  await badge(member.page, 'todo').waitFor({ state: 'detached' });
  expect(await stack.cycles.update(ctx.wf, submitForApprovalUpdate, { actor: ctx.who.office })).toBe(1);
  await waitForStage(ctx, 'APPROVAL');
  await eventually(
    async () => (await stack.db.approvalRound.count({ where: { cycleId: ctx.cycle.id } })) === 1,
    'approval round 1',
    30_000,
  );
  await member.page.reload();
  const pending = member.page.getByTestId(`todo-VOTE-${YEAR}`);
  await pending.getByRole('link', { name: '对第1轮考核结果进行表决' }).waitFor();
  await pending.getByText('无截止时间').waitFor();
  await expectBadge(member.page, 'approval', 1);
  await web.shot(member.page, 'todo-08-member-before');
  await pending.getByRole('link').click();
  await member.page.waitForURL('**/approval');
  await member.page.getByRole('radio', { name: '同意', exact: true }).check();
  await member.page.getByRole('button', { name: /提\s*交/ }).click();
  // A vote is final: the page asks first (issue 13).
  await member.page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /确\s*认|Confirm/ })
    .click();
  await member.page.getByText('已表决').first().waitFor();
  await openTodo(member.page);
  await member.page.getByText('当前没有需要您办理的事项').waitFor();
  await badge(member.page, 'approval').waitFor({ state: 'detached' });
  await web.shot(member.page, 'todo-09-member-after');
});
