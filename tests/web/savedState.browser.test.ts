// What was saved is shown after a reload (issue 13), in Chromium against the real stack: a unit's
// checkpoint submission (text, file, who, when; the button says 重新提交), the verification queue with
// unit names and the fractions recorded (待核验/已核验 and a filter), the self-check form refilled from
// what was saved, and the third party's recorded scores. Stages nobody here acts in are moved on
// through the workflow contract (tests/support/cycleDriver.ts), with Temporal's time skipping.
import { minimalPdf } from '../support/evidenceFixtures';
import { signIn } from '../support/testStack';
import { advanceTo, eventually, submitSelfCheck, verifyUnits, waitForStage } from '../support/cycleDriver';
import { publishedCycleContext, startWebBrowserStack, type WebBrowserStack } from '../support/webBrowser';
import { demoTargets } from '../../runtime/seed/demoTargets';

const YEAR = 2033;

jest.setTimeout(360_000);

let web: WebBrowserStack;

beforeAll(async () => {
  web = await startWebBrowserStack();
});

afterEach(async () => {
  await web?.shootOpenPages('saved');
});

afterAll(async () => {
  await web?.teardown();
});

test('after a reload each role sees what it saved, with who and when', async () => {
  const { stack } = web;
  const targets = demoTargets(YEAR, new Date(await stack.env.currentTimeMs()));
  // A third party is engaged, so its score page takes scores (Art. 9, 11).
  targets.cycle.useThirdParty = true;
  const officeApi = await signIn(stack.app, 'office1');
  const created = await officeApi.post('/api/cycles', {
    ...targets.cycle,
    scoringConfig: { comprehensive: { leader: 8, department: 4, thirdParty: 3 } },
  });
  expect(created.status).toBe(201);
  for (const indicator of targets.indicators)
    expect((await officeApi.post(`/api/cycles/${YEAR}/indicators`, indicator)).status).toBe(201);
  const published = await officeApi.post(`/api/cycles/${YEAR}/publish`, { acknowledgeWarnings: true });
  expect(published.status).toBe(202);
  const ctx = await publishedCycleContext(stack, YEAR, targets);
  await waitForStage(ctx, 'CHECKPOINTS');
  const names = new Map(ctx.who.users.map((user) => [user.username, user.displayName]));

  // ----- Unit: a checkpoint submission comes back after a reload, and the button says 重新提交 -----
  const unit = await web.signInPage('unit-zhongshan');
  // Every role lands on its to-do (待办, issue 14).
  await unit.page.getByRole('menuitem', { name: '目标任务与材料' }).click();
  const card = unit.page.getByTestId('checkpoint-K1-R1');
  await card.getByLabel('完成情况说明').fill('上半年任务完成，附总结。');
  const pdf = minimalPdf();
  await card
    .locator('input[type=file]')
    .setInputFiles({ name: '节点总结.pdf', mimeType: 'application/pdf', buffer: pdf });
  await eventually(
    async () => (await stack.db.evidenceFile.count({ where: { originalName: '节点总结.pdf' } })) === 1,
    'evidence stored',
    30_000,
  );
  await card.getByRole('button', { name: '提交节点材料' }).click();
  await card.getByText('已按时提交').waitFor();
  await unit.page.reload();
  const saved = unit.page.getByTestId('checkpoint-K1-R1');
  await saved
    .getByTestId('saved-submission')
    .getByText(new RegExp(`由 ${names.get('unit-zhongshan')} 提交（第 1 次）`))
    .waitFor();
  expect(await saved.getByLabel('完成情况说明').inputValue()).toBe('上半年任务完成，附总结。');
  await saved.getByText('节点总结.pdf').waitFor();
  await saved.getByRole('button', { name: '重新提交' }).waitFor();
  // A checkpoint not yet submitted still invites the first submission.
  await unit.page.getByTestId('checkpoint-K1-R2').getByRole('button', { name: '提交节点材料' }).waitFor();
  // Every field id on the page is unique (checkpoint forms no longer all use id="text"), so each
  // label names its own box.
  const duplicateIds = await unit.page.evaluate(() => {
    // (The browser's document; the test's own tsconfig has no DOM types.)
    const page = (
      globalThis as unknown as { document: { querySelectorAll(selector: string): Iterable<{ id: string }> } }
    ).document;
    const seen = new Map<string, number>();
    for (const element of page.querySelectorAll('[id]'))
      seen.set(element.id, (seen.get(element.id) ?? 0) + 1);
    return [...seen].filter(([, count]) => count > 1).map(([id]) => id);
  });
  expect(duplicateIds).toEqual([]);
  expect(await unit.page.getByTestId('checkpoint-K1-R2').getByLabel('完成情况说明').count()).toBe(1);
  await web.shot(unit.page, 'saved-01-unit-checkpoint-after-reload');

  // Stage-aware: before its stage the self-check says when it opens, and its button is disabled (Art. 8).
  await unit.page.getByRole('menuitem', { name: '年终自查' }).click();
  const opens = new Date(targets.cycle.schedule.selfCheckOpensAt);
  await unit.page
    .getByTestId('self-check-window')
    .getByText(`年终自查 ${opens.getMonth() + 1}月${opens.getDate()}日开放`)
    .waitFor();
  expect(await unit.page.getByRole('button', { name: /提\s*交/ }).isDisabled()).toBe(true);
  await web.shot(unit.page, 'saved-01b-unit-self-check-not-yet');
  await unit.page.getByRole('menuitem', { name: '目标任务与材料' }).click();

  // ----- Office: the queue lists units by name; a recorded fraction shows as 已核验 after a reload -----
  await advanceTo(stack, Date.parse(targets.roundDueDates[0]) + 1000);
  const office = await web.signInPage('office1');
  await office.page.getByRole('menuitem', { name: '核验队列' }).click();
  const row = office.page.getByRole('row', { name: /中山区总工会/ }).filter({ hasText: '节点总结.pdf' });
  await row.getByText('待核验').waitFor();
  expect(await office.page.getByRole('cell', { name: ctx.unitId('zhongshan') }).count()).toBe(0);
  await row.getByRole('spinbutton').fill('0.8');
  await office.page.getByRole('button', { name: '记录核验结果' }).click();
  await office.page.getByText('已保存').first().waitFor();
  await office.page.reload();
  const verified = office.page.getByRole('row', { name: /中山区总工会/ }).filter({ hasText: '节点总结.pdf' });
  await verified.getByText('已核验').waitFor();
  await verified.getByText(new RegExp(`已记录 0.8（材料审核，${names.get('office1')}`)).waitFor();
  expect(await verified.getByRole('spinbutton').inputValue()).toBe('0.8');
  // The filter: 待核验 hides it, 已核验 shows it alone.
  await office.page.getByText(/^待核验 \d+$/).click();
  await verified.waitFor({ state: 'detached' });
  await office.page.getByText(/^已核验 1$/).click();
  await office.page
    .getByRole('row', { name: /中山区总工会/ })
    .first()
    .waitFor();
  await web.shot(office.page, 'saved-02-office-verification-after-reload');

  // ----- Unit: the self-check form comes back filled from what was saved; a change is saved again -----
  await advanceTo(stack, Date.parse(targets.cycle.schedule.selfCheckOpensAt) + 1000);
  await waitForStage(ctx, 'SELF_CHECK');
  await submitSelfCheck(ctx, 'zhongshan');
  await unit.page.getByRole('menuitem', { name: '年终自查' }).click();
  await unit.page.getByTestId('self-check-saved').waitFor();
  const k1 = unit.page.getByTestId('self-check-K1');
  expect(await k1.getByLabel('自评说明').inputValue()).toBe('已完成');
  expect(Number(await k1.getByLabel('自评完成度（0–1）').inputValue())).toBe(1);
  await k1.getByLabel('自评说明').fill('建会入会任务全面完成。');
  await k1.getByLabel('自评完成度（0–1）').fill('0.9');
  await unit.page.getByRole('button', { name: '重新提交自查' }).click();
  await eventually(
    async () =>
      (
        await stack.db.selfCheck.findFirst({
          where: { unitId: ctx.unitId('zhongshan'), indicator: { cycleId: ctx.cycle.id, code: 'K1' } },
        })
      )?.text === '建会入会任务全面完成。',
    'self-check saved again',
    30_000,
  );
  await unit.page.reload();
  const k1Again = unit.page.getByTestId('self-check-K1');
  await unit.page.getByTestId('self-check-saved').waitFor();
  expect(await k1Again.getByLabel('自评说明').inputValue()).toBe('建会入会任务全面完成。');
  expect(Number(await k1Again.getByLabel('自评完成度（0–1）').inputValue())).toBe(0.9);
  await web.shot(unit.page, 'saved-03-unit-self-check-after-reload');

  // ----- Third party: its recorded score is in the cell after a reload, with who and when -----
  await advanceTo(stack, Date.parse(targets.cycle.schedule.selfCheckDueAt) + 1000);
  await waitForStage(ctx, 'VERIFICATION');
  await verifyUnits(
    ctx,
    ctx.units.map((candidate) => candidate.code),
    () => 0.9,
  );
  await advanceTo(stack, Date.parse(targets.cycle.schedule.verificationDueAt) + 1000);
  await waitForStage(ctx, 'EVALUATION');
  const thirdParty = await web.signInPage('thirdparty');
  await thirdParty.page.getByRole('menuitem', { name: '第三方评估' }).click();
  const score = thirdParty.page.getByRole('spinbutton', { name: '得分（0–100） 中山区总工会' });
  await score.fill('88.5');
  await thirdParty.page.getByRole('button', { name: /提\s*交/ }).click();
  await thirdParty.page.getByText('已录入 1 个单位的得分').waitFor();
  await thirdParty.page.reload();
  const reloaded = thirdParty.page.getByRole('spinbutton', { name: '得分（0–100） 中山区总工会' });
  await thirdParty.page.getByText(new RegExp(`已录入 88.5 分（${names.get('thirdparty')}`)).waitFor();
  expect(await reloaded.inputValue()).toBe('88.5');
  await web.shot(thirdParty.page, 'saved-04-third-party-after-reload');
  // The read route itself: what the page shows is what PostgreSQL holds.
  const thirdPartyApi = await signIn(stack.app, 'thirdparty');
  const scores = await thirdPartyApi.get(`/api/cycles/${YEAR}/third-party-scores`);
  expect(scores.status).toBe(200);
  expect(scores.body.scores).toEqual([
    expect.objectContaining({
      unitName: '中山区总工会',
      score: 88.5,
      enteredByName: names.get('thirdparty'),
    }),
  ]);
  // A unit may not read the third party's scores.
  expect(
    (await (await signIn(stack.app, 'unit-zhongshan')).get(`/api/cycles/${YEAR}/third-party-scores`)).status,
  ).toBe(403);
  for (const session of [unit, office, thirdParty]) await session.context.close();
});
