// Confirmations and the stage advance (issue 13), in Chromium against the real stack: the office's
// "进入下一阶段" is offered only where the stage may be left by hand, its dialog lists what will happen
// (the rounds that close at once and how many units have not submitted, the notices sent), the advance
// takes effect and is still shown after a reload; in English too. Resending a notice asks first and
// does nothing when cancelled.
import { signIn } from '../support/testStack';
import { eventually, submitSelfCheck, waitForStage } from '../support/cycleDriver';
import { publishedCycleContext, startWebBrowserStack, type WebBrowserStack } from '../support/webBrowser';
import { demoTargets } from '../../runtime/seed/demoTargets';
import type { Page } from 'playwright-core';

const YEAR = 2034;

jest.setTimeout(300_000);

let web: WebBrowserStack;

beforeAll(async () => {
  web = await startWebBrowserStack();
});

afterEach(async () => {
  await web?.shootOpenPages('confirm');
});

afterAll(async () => {
  await web?.teardown();
});

const dialog = (page: Page) => page.locator('.ant-modal-confirm');

test('the stage advance names its consequences, acts, and survives a reload; a resend asks first', async () => {
  const { stack } = web;
  const targets = demoTargets(YEAR, new Date(await stack.env.currentTimeMs()));
  const officeApi = await signIn(stack.app, 'office1');
  expect((await officeApi.post('/api/cycles', targets.cycle)).status).toBe(201);
  for (const indicator of targets.indicators)
    expect((await officeApi.post(`/api/cycles/${YEAR}/indicators`, indicator)).status).toBe(201);

  // Before publication nothing can be advanced: the read model says why.
  const before = await officeApi.get(`/api/cycles/${YEAR}/advance-preview`);
  expect(before.status).toBe(200);
  expect(before.body).toMatchObject({ stage: 'TARGET_SETTING', allowed: false, reason: 'NOT_PUBLISHED' });
  // Only the office reads it.
  expect(
    (await (await signIn(stack.app, 'unit-zhongshan')).get(`/api/cycles/${YEAR}/advance-preview`)).status,
  ).toBe(403);

  expect((await officeApi.post(`/api/cycles/${YEAR}/publish`, { acknowledgeWarnings: true })).status).toBe(
    202,
  );
  const ctx = await publishedCycleContext(stack, YEAR, targets);
  await waitForStage(ctx, 'CHECKPOINTS');

  // What the dialog will say, from the API: every open round with its units not yet submitted.
  const preview = (await officeApi.get(`/api/cycles/${YEAR}/advance-preview`)).body as {
    allowed: boolean;
    closesRounds: { key: string; pending: number }[];
    notices: string[];
  };
  expect(preview.allowed).toBe(true);
  expect(preview.closesRounds.length).toBe(targets.roundDueDates.length);
  expect(preview.closesRounds[0].pending).toBeGreaterThan(0);
  expect(preview.notices).toEqual(['CHECKPOINT_OVERDUE', 'SELF_CHECK_OPENED']);

  const office = await web.signInPage('office1');
  // Every role lands on its to-do (issue 14); the dashboard is one click away.
  await office.page.goto(`${web.baseUrl}/dashboard`);
  await office.page.getByText('各阶段进度').waitFor();
  await office.page.getByRole('button', { name: '进入下一阶段' }).click();
  const lines = office.page.getByTestId('advance-consequences');
  await lines
    .getByText(new RegExp(`立即关闭，${preview.closesRounds[0].pending} 个单位未提交，将记为未提交`))
    .first()
    .waitFor();
  expect(await lines.locator('li').count()).toBe(preview.closesRounds.length + preview.notices.length);
  await lines.getByText('发送通知：节点材料逾期提醒').waitFor();
  await lines.getByText('此操作不可撤销。').waitFor();
  await web.shot(office.page, 'confirm-01-advance-checkpoints-dialog');
  await dialog(office.page)
    .getByRole('button', { name: /确\s*认/ })
    .click();
  await waitForStage(ctx, 'SELF_CHECK');

  // After a reload: the new stage, the closed round's units as 未提交, the next dialog's own figures.
  await office.page.reload();
  await office.page
    .getByText(/· 未提交/)
    .first()
    .waitFor();
  await submitSelfCheck(ctx, 'zhongshan');
  await eventually(
    async () =>
      ((await officeApi.get(`/api/cycles/${YEAR}/advance-preview`)).body as { unitsOutstanding: number })
        .unitsOutstanding ===
      ctx.units.length - 1,
    'one self-check counted',
    30_000,
  );
  await office.page.reload();
  await office.page.getByTestId('progress-selfCheck').getByText(`1 / ${ctx.units.length} 个单位`).waitFor();
  await office.page.getByRole('button', { name: '进入下一阶段' }).click();
  await office.page
    .getByTestId('advance-consequences')
    .getByText(`年终自查提前结束：${ctx.units.length - 1} / ${ctx.units.length} 个单位尚未提交自查`)
    .waitFor();
  await web.shot(office.page, 'confirm-02-advance-self-check-dialog');
  await dialog(office.page)
    .getByRole('button', { name: /取\s*消/ })
    .click();
  expect((await ctx.status()).stage).toBe('SELF_CHECK');

  // The same in English.
  await office.page.getByRole('button', { name: 'English' }).click();
  await office.page.getByRole('button', { name: 'Advance stage' }).click();
  await office.page
    .getByTestId('advance-consequences')
    .getByText(
      `The self-check ends early: ${ctx.units.length - 1} of ${ctx.units.length} units have not submitted it`,
    )
    .waitFor();
  await office.page
    .locator('.ant-modal-confirm-title', { hasText: 'Advance from “Self-check” to “Verification”?' })
    .waitFor();
  await web.shot(office.page, 'confirm-03-advance-self-check-dialog-en');
  await dialog(office.page).getByRole('button', { name: 'Cancel' }).click();
  await office.page.getByRole('button', { name: /中\s*文/ }).click();

  // Resending a notice asks first, naming the notice and the recipient; cancelling sends nothing.
  await office.page.getByRole('menuitem', { name: '通知记录' }).click();
  const notices = () => stack.db.notification.count({ where: { cycleId: ctx.cycle.id } });
  await office.page.getByRole('button', { name: '重新发送' }).first().click();
  await office.page.locator('.ant-modal-confirm-title', { hasText: '确认重新发送这条通知？' }).waitFor();
  await dialog(office.page)
    .getByText(/将再次向 .*<.*@.*> 发送“.*”。/)
    .waitFor();
  await web.shot(office.page, 'confirm-04-resend-dialog');
  const count = await notices();
  const attempts = await stack.db.notification.aggregate({
    where: { cycleId: ctx.cycle.id },
    _sum: { attempts: true },
  });
  await dialog(office.page)
    .getByRole('button', { name: /取\s*消/ })
    .click();
  expect(await notices()).toBe(count);
  expect(
    (await stack.db.notification.aggregate({ where: { cycleId: ctx.cycle.id }, _sum: { attempts: true } }))
      ._sum.attempts,
  ).toBe(attempts._sum.attempts);
  await office.context.close();
});
