// The web app in a real browser (Debian's Chromium, headless, driven by playwright-core) against the
// real stack: PostgreSQL, the Temporal test server with time skipping, the worker, SMTP and the API.
// The office publishes the targets, a unit uploads evidence for a checkpoint, a party-group member
// ranks a category by drag and drop and by keyboard and approves the results; each role's main pages
// are saved as screenshots in test-artifacts/screenshots/. Stages the people in this test do not act
// in are moved on through the workflow contract (tests/support/cycleDriver.ts).
import fs from 'node:fs';
import JSZip from 'jszip';
import { signIn, type TestStack } from '../support/testStack';
import { advanceTo, approvers, eventually, verifyUnits, vote, waitForStage } from '../support/cycleDriver';
import { publishedCycleContext, startWebBrowserStack, type WebBrowserStack } from '../support/webBrowser';
import { demoTargets } from '../../runtime/seed/demoTargets';
import { minimalPdf } from '../support/evidenceFixtures';
import type { Page } from 'playwright-core';

const YEAR = 2031;
// Year-end completion per unit, so the results differ (and one unit fails, Art. 16, 21).
const FRACTION: Record<string, number> = { changhai: 0.3, xigang: 0.8, lvshunkou: 0.95 };

jest.setTimeout(300_000);

let web: WebBrowserStack;
let stack: TestStack;
let baseUrl: string;

beforeAll(async () => {
  web = await startWebBrowserStack();
  ({ stack, baseUrl } = web);
});

afterEach(async () => {
  // What each signed-in page showed last: on a failure, that is where to look.
  await web?.shootOpenPages('main');
});

afterAll(async () => {
  await web?.teardown();
});

const shot = (page: Page, name: string) => web.shot(page, name);
const signInPage = (username: string, viewport?: { width: number; height: number }) =>
  web.signInPage(username, viewport ? { viewport } : {});
const cycleContext = (targets: ReturnType<typeof demoTargets>) => publishedCycleContext(stack, YEAR, targets);
/** Confirms the open confirmation dialog (its OK button). */
const confirmDialog = (page: Page) =>
  page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /确\s*认|Confirm/ })
    .click();

test('every role in the browser: publish, upload evidence, rank, approve, results and exports', async () => {
  console.log(
    `[browser test] web build: ${web.buildMs ? `${(web.buildMs / 1000).toFixed(1)} s` : 'up to date'}`,
  );
  const targets = demoTargets(YEAR, new Date(await stack.env.currentTimeMs()));
  const officeApi = await signIn(stack.app, 'office1');
  expect((await officeApi.post('/api/cycles', targets.cycle)).status).toBe(201);
  for (const indicator of targets.indicators)
    expect((await officeApi.post(`/api/cycles/${YEAR}/indicators`, indicator)).status).toBe(201);

  // ----- Sign-in: a wrong password is reported and the typed user name stays -----
  const anonymous = await web.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const login = await anonymous.newPage();
  await login.goto(baseUrl);
  await shot(login, '01-sign-in');
  await login.getByLabel('用户名').fill('office1');
  await login.getByLabel('密码').fill('wrong-password');
  await login.getByRole('button', { name: /登\s*录/ }).click();
  await login.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
  expect(await login.getByLabel('用户名').inputValue()).toBe('office1');
  await anonymous.close();

  // ----- Office: targets with live weight sums, then publication from the dashboard (Art. 8) -----
  const office = await signInPage('office1');
  await office.page.getByRole('menuitem', { name: '目标设定' }).click();
  await office.page.getByTestId('weight-sums').getByText('合计：100 / 100').waitFor();
  await shot(office.page, '02-office-targets');
  // A weight typed into the new-indicator form shows at once in the sums (the draft is counted).
  await office.page.getByLabel('权重', { exact: true }).fill('5');
  await office.page.getByTestId('weight-sums').getByText('合计：105 / 100').waitFor();
  await office.page.getByRole('menuitem', { name: '考核总览' }).click();
  const publish = office.page.getByRole('button', { name: '发布目标任务' });
  await publish.waitFor();
  const acknowledge = office.page.getByRole('checkbox', { name: '已知悉提醒，仍然发布' });
  if (await acknowledge.count()) await acknowledge.check();
  await shot(office.page, '03-office-publication-check');
  await publish.click();
  // Irreversible and e-mailing every unit: a confirmation names that first (issue 13).
  const unitCount = await stack.db.unit.count({ where: { active: true } });
  await office.page
    .locator('.ant-modal-confirm')
    .getByText(`系统将以电子邮件向全部 ${unitCount} 个单位发送目标任务通知`, { exact: false })
    .waitFor();
  await shot(office.page, '03b-office-publish-confirm');
  await confirmDialog(office.page);
  // The route answers once the workflow has started (it sets publishedAt just before).
  await office.page.getByText('已发布，各单位将收到目标任务通知').waitFor();
  await eventually(
    async () => (await stack.db.cycle.findUniqueOrThrow({ where: { year: YEAR } })).publishedAt,
    'publication',
    30_000,
  );
  const ctx = await cycleContext(targets);
  await waitForStage(ctx, 'CHECKPOINTS');

  // ----- Unit: uploads evidence for its first checkpoint and submits it (Art. 8) -----
  const unit = await signInPage('unit-zhongshan');
  // Every role lands on its to-do (待办, issue 14); the page that does the work is one click away.
  await unit.page.getByRole('menuitem', { name: '目标任务与材料' }).click();
  const checkpoint = ctx.checkpoints.find((row) => row.code === 'K1-R1')!;
  const card = unit.page.getByTestId('checkpoint-K1-R1');
  await card.waitFor();
  await card.getByLabel('完成情况说明').fill('上半年建会入会任务完成，附工作总结。');
  const pdf = minimalPdf();
  await card
    .locator('input[type=file]')
    .setInputFiles({ name: '上半年工作总结.pdf', mimeType: 'application/pdf', buffer: pdf });
  await card.getByText('上半年工作总结.pdf').waitFor();
  await eventually(
    async () => (await stack.db.evidenceFile.count({ where: { originalName: '上半年工作总结.pdf' } })) === 1,
    'evidence stored',
    30_000,
  );
  await card.getByRole('button', { name: '提交节点材料' }).click();
  await card.getByText('已按时提交').waitFor();
  const submission = await stack.db.checkpointSubmission.findFirstOrThrow({
    where: { checkpointId: checkpoint.id, unitId: ctx.unitId('zhongshan') },
    include: { evidence: true },
  });
  expect(submission.late).toBe(false);
  expect(submission.evidence.map((file) => [file.originalName, file.mimeType])).toEqual([
    ['上半年工作总结.pdf', 'application/pdf'],
  ]);
  await shot(unit.page, '04-unit-targets-evidence');

  // ----- Third party: its score page checks a score next to the field, before any call (Art. 9, 11) -----
  const thirdParty = await signInPage('thirdparty');
  await thirdParty.page.getByRole('menuitem', { name: '第三方评估' }).click();
  await thirdParty.page.getByRole('spinbutton', { name: '得分（0–100） 中山区总工会' }).fill('120');
  await thirdParty.page.getByRole('alert').filter({ hasText: '得分须在 0 到 100 之间' }).waitFor();
  await shot(thirdParty.page, '04b-third-party-scores');
  await thirdParty.context.close();

  // The office sees it in the dashboard's progress and in the verification queue.
  await office.page.reload();
  await office.page.getByText('中山区总工会 · 按时').first().waitFor();
  // Progress of the later stages, from the dashboard's read model (issue 13).
  await office.page.getByTestId('progress-selfCheck').getByText(`0 / ${unitCount} 个单位`).waitFor();
  // The stage advance is offered in CHECKPOINTS; its dialog lists what would happen. Cancelled here.
  await office.page.getByRole('button', { name: '进入下一阶段' }).click();
  const consequences = office.page.getByTestId('advance-consequences');
  await consequences
    .getByText(/立即关闭，\d+ 个单位未提交，将记为未提交/)
    .first()
    .waitFor();
  await consequences.getByText('发送通知：年终自查开始通知').waitFor();
  await shot(office.page, '05b-office-advance-dialog');
  await office.page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /取\s*消/ })
    .click();
  expect((await ctx.status()).stage).toBe('CHECKPOINTS');
  await shot(office.page, '05-office-dashboard');
  await office.page.getByRole('menuitem', { name: '核验队列' }).click();
  await office.page.getByRole('button', { name: '上半年工作总结.pdf' }).waitFor();
  await shot(office.page, '06-office-verification');

  // ----- Through self-check and verification to the comprehensive evaluation (Art. 8, 9) -----
  await advanceTo(stack, Date.parse(targets.cycle.schedule.selfCheckOpensAt) + 1000);
  await advanceTo(stack, Date.parse(targets.cycle.schedule.selfCheckDueAt) + 1000);
  await waitForStage(ctx, 'VERIFICATION');
  await verifyUnits(
    ctx,
    ctx.units.map((row) => row.code),
    (code) => FRACTION[code] ?? 0.9,
  );
  await advanceTo(stack, Date.parse(targets.cycle.schedule.verificationDueAt) + 1000);
  await waitForStage(ctx, 'EVALUATION');

  // ----- Party-group member: ranks every category; URBAN by drag and drop and by keyboard (Art. 13) -----
  const member = await signInPage('member1');
  await member.page.getByRole('menuitem', { name: '综合评价排序' }).click();
  const urban = member.page.getByTestId('ranking-URBAN');
  await urban.getByText('旅顺口区总工会').waitFor();
  const names = async () => urban.locator('.unit-name').allTextContents();
  const before = await names();
  await urban
    .locator('[data-unit-id]')
    .nth(before.length - 1)
    .dragTo(urban.locator('[data-unit-id]').first());
  const dragged = await names();
  expect(dragged[0]).toBe(before[before.length - 1]);
  // Keyboard: focus "move down" of the first unit and press Enter.
  await urban.getByRole('button', { name: `下移 ${dragged[0]}` }).focus();
  await member.page.keyboard.press('Enter');
  const order = await names();
  expect(order.slice(0, 2)).toEqual([dragged[1], dragged[0]]);
  await shot(member.page, '07-member-ranking');
  for (const category of ctx.categories) {
    const box = member.page.getByTestId(`ranking-${category.code}`);
    await box.getByRole('button', { name: '提交排序' }).click();
    await box.getByText('已提交').waitFor();
  }
  const memberUser = ctx.who.actor('member1');
  const stored = await stack.db.ranking.findFirstOrThrow({
    where: {
      cycleId: ctx.cycle.id,
      kind: 'LEADER',
      evaluatorKey: memberUser.userId,
      categoryId: ctx.categories.find((row) => row.code === 'URBAN')!.id,
    },
  });
  const urbanUnits = new Map(ctx.units.map((row) => [row.id, row.name]));
  expect((stored.unitOrder as string[]).map((id) => urbanUnits.get(id))).toEqual(order);
  // Everyone else ranks through the contract, so the stage ends and scoring runs.
  for (const evaluator of [
    ...ctx.who.members.filter((row) => row.userId !== memberUser.userId),
    ...ctx.who.departments,
  ]) {
    for (const category of ctx.categories) {
      const codes = ctx.units.filter((row) => row.categoryId === category.id).map((row) => row.code);
      await stack.actions.submitRanking(ctx.cycle, {
        actor: evaluator,
        kind: evaluator.role === 'DEPARTMENT' ? 'DEPARTMENT' : 'LEADER',
        categoryId: category.id,
        unitOrder: codes.map(ctx.unitId),
      });
    }
  }
  await waitForStage(ctx, 'SCORING');
  await eventually(
    async () => (await stack.db.unitResult.count({ where: { cycleId: ctx.cycle.id } })) === ctx.units.length,
    'scored results',
    30_000,
  );

  // ----- Office: scoring, opinions, submission for approval (Art. 10, 18) -----
  await office.page.getByRole('menuitem', { name: '计分与评价意见' }).click();
  await office.page.getByLabel('评价意见 长海县总工会').waitFor();
  await shot(office.page, '08-office-scoring');
  await office.page.getByRole('button', { name: '提交党组审定' }).click();
  await office.page
    .getByTestId('submit-approval-confirm')
    .getByText(/冻结当前全部计分数据和结果/)
    .waitFor();
  await confirmDialog(office.page);
  await eventually(
    async () => (await stack.db.approvalRound.count({ where: { cycleId: ctx.cycle.id } })) === 1,
    'approval round 1',
    30_000,
  );

  // ----- Member: a rejection needs a comment; then approves (Art. 18) -----
  await member.page.getByRole('menuitem', { name: '党组审定' }).click();
  await member.page.getByText('第 1 轮').first().waitFor();
  // What is being approved and where the vote stands against the rule (Art. 18; issue 13).
  const partyGroup = ctx.who.users.filter(
    (row) => row.active && (row.role === 'LEADER' || row.role === 'PARTY_MEMBER'),
  );
  const voterCount = partyGroup.length;
  const needed = Math.floor(voterCount / 2) + 1;
  const tally = member.page.getByTestId('tally-1');
  await tally.getByText(`组长未表决，还需 ${needed} 票同意`, { exact: false }).waitFor();
  await tally.getByText('一人不同意不会结束本轮', { exact: false }).waitFor();
  await member.page
    .getByTestId('round-summary-1')
    .getByText(/不合格单位：.*长海县总工会/)
    .waitFor();
  // Voters by name: every party-group member's display name appears once in the voters card.
  const voterTags = await member.page.getByTestId('approval-voters').locator('.ant-tag').allTextContents();
  expect(voterTags.map((text) => text.replace(/（.*）$/, '')).sort()).toEqual(
    partyGroup.map((row) => row.displayName).sort(),
  );
  expect(voterTags.filter((text) => text.endsWith('（组长）'))).toHaveLength(1);
  await member.page.getByRole('radio', { name: '不同意' }).check();
  await member.page.getByRole('button', { name: /提\s*交/ }).click();
  await member.page.getByText('不同意时请填写意见').waitFor();
  await member.page.getByRole('radio', { name: '同意', exact: true }).check();
  await member.page.getByText('不同意时请填写意见').waitFor({ state: 'detached' });
  await member.page.getByLabel('意见', { exact: true }).fill('同意考核结果。');
  await shot(member.page, '09-member-approval');
  await member.page.getByRole('button', { name: /提\s*交/ }).click();
  await member.page.locator('.ant-modal-confirm-title', { hasText: '确认提交表决：同意？' }).waitFor();
  await confirmDialog(member.page);
  await member.page.getByText('已表决').first().waitFor();
  const votes = await stack.db.approvalVote.findMany({
    where: { round: { cycleId: ctx.cycle.id, number: 1 } },
  });
  expect(votes.map((row) => [row.voterId, row.decision, row.comment])).toEqual([
    [memberUser.userId, 'APPROVE', '同意考核结果。'],
  ]);
  for (const voter of approvers(ctx).filter((row) => row.userId !== memberUser.userId))
    await vote(ctx, 1, voter, 'APPROVE');
  await waitForStage(ctx, 'FOLLOW_UP');

  // ----- Results: tables, charts, breakdown citing articles, exports (Art. 10–18) -----
  await office.page.getByRole('menuitem', { name: '考核结果' }).click();
  await office.page.getByText('长海县总工会').first().waitFor();
  await shot(office.page, '10-office-results');
  await office.page
    .getByRole('row', { name: /长海县总工会/ })
    .getByRole('button', { name: /查\s*看/ })
    .click();
  await office.page.getByTestId('breakdown').getByText('第十一条').first().waitFor();
  await shot(office.page, '11-office-breakdown');
  await office.page.keyboard.press('Escape');
  const [xlsx] = await Promise.all([
    office.page.waitForEvent('download'),
    office.page.getByRole('link', { name: /导出 Excel/ }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toBe(`${YEAR}年度考核结果.xlsx`);
  expect(
    fs
      .readFileSync((await xlsx.path())!)
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');
  const [docx] = await Promise.all([
    office.page.waitForEvent('download'),
    office.page.getByRole('link', { name: /导出通报/ }).click(),
  ]);
  expect(docx.suggestedFilename()).toBe(`${YEAR}年度考核结果通报.docx`);
  const notice = await (
    await JSZip.loadAsync(fs.readFileSync((await docx.path())!))
  )
    .file('word/document.xml')!
    .async('string');
  expect(notice).toContain('大连市总工会文件');
  expect(notice).toContain('长海县总工会');
  expect(notice).not.toContain('草稿');
  // Exports are for the office and the party group only (Art. 18); a unit is refused.
  const unitApi = await signIn(stack.app, 'unit-zhongshan');
  expect((await unitApi.get(`/api/cycles/${YEAR}/export/notice.docx`)).status).toBe(403);

  // Feedback to a unit's principal leader, confirmed by the unit (Art. 19).
  await office.page.getByRole('menuitem', { name: '反馈与说明' }).click();
  await office.page
    .getByLabel('内容 中山区总工会')
    .fill('考核领导小组反馈：基层组建工作扎实，需加强农民工入会。');
  await office.page
    .getByRole('row', { name: /中山区总工会/ })
    .getByRole('button', { name: '记录反馈' })
    .click();
  await office.page
    .getByRole('row', { name: /中山区总工会/ })
    .getByText('待确认')
    .waitFor();
  await unit.page.getByRole('menuitem', { name: '反馈确认与书面说明' }).click();
  await unit.page.getByText('考核领导小组反馈：基层组建工作扎实').waitFor();
  await unit.page.getByRole('button', { name: '确认已向本单位传达' }).click();
  await unit.page.getByText(/^已确认/).waitFor();
  const feedback = await stack.db.feedback.findFirstOrThrow({
    where: { cycleId: ctx.cycle.id, unitId: ctx.unitId('zhongshan') },
  });
  expect(feedback.confirmedAt).not.toBeNull();

  // The notices log (with resend) and the audit log of what everyone did (Art. 23).
  await office.page.getByRole('menuitem', { name: '通知记录' }).click();
  // Events and delivery states by name (mail/noticeLabels.ts), not as codes.
  await office.page.getByRole('cell', { name: '反馈已确认' }).first().waitFor();
  await office.page.getByText('已发送').first().waitFor();
  expect(await office.page.getByText('FEEDBACK_CONFIRMED').count()).toBe(0);
  await shot(office.page, '17-office-notifications');
  await office.page.getByRole('menuitem', { name: '审计日志' }).click();
  await office.page.getByLabel('操作').fill('发布目标任务');
  await office.page.keyboard.press('Enter');
  await office.page.getByRole('button', { name: /查\s*询/ }).click();
  // The action by its name and the target by name (the cycle's title), not a uuid.
  const publishRow = office.page.getByRole('row', { name: /发布目标任务/ });
  await publishRow.getByRole('cell', { name: ctx.cycle.title }).waitFor();
  expect(await office.page.getByRole('cell', { name: /^(党组表决|进入考核阶段|记录反馈)$/ }).count()).toBe(0);
  expect(await office.page.getByRole('cell', { name: ctx.cycle.id }).count()).toBe(0);
  await shot(office.page, '18-office-audit');

  // The unit sees its results after notification; the failing unit sees its explanation deadline.
  await unit.page.getByRole('menuitem', { name: '本单位结果' }).click();
  // Its own card (score, grade, rank, opinion, parts), the others as the notice's table (issue 13).
  const own = unit.page.getByTestId('own-result');
  await own.getByText('过程节点部分').waitFor();
  await own.getByText('年终部分').waitFor();
  await own.getByText(/类别内第 \d+ 名 \/ \d+/).waitFor();
  await own.getByTestId('breakdown').waitFor();
  expect(await unit.page.getByRole('button', { name: /查\s*看/ }).count()).toBe(0);
  await unit.page.locator('tr.own-unit', { hasText: '中山区总工会' }).waitFor();
  expect(await unit.page.locator('tr.own-unit').count()).toBe(1);
  await shot(unit.page, '12-unit-results');
  // The API gives a unit other units only as the notice publishes them: rank, name, total, grade.
  const unitResults = (await unitApi.get(`/api/cycles/${YEAR}/results`)).body as {
    results: { unitId: string; indicatorPoints?: number }[];
  };
  const others = unitResults.results.filter((row) => row.unitId !== ctx.unitId('zhongshan'));
  expect(others.length).toBeGreaterThan(0);
  expect(others.every((row) => row.indicatorPoints === undefined)).toBe(true);
  expect(unitResults.results.find((row) => row.unitId === ctx.unitId('zhongshan'))?.indicatorPoints).toEqual(
    expect.any(Number),
  );
  const failing = await signInPage('unit-changhai');
  // A failing unit's results say what it must do next, with the link to it (Art. 21).
  await failing.page.getByRole('menuitem', { name: '本单位结果' }).click();
  await failing.page
    .getByTestId('failing-action')
    .getByText(/须由主要负责人在 .* 前向同级党委/)
    .waitFor();
  await shot(failing.page, '12b-failing-unit-results');
  await failing.page.getByRole('link', { name: '去提交书面说明' }).click();
  await failing.page.getByText(/由主要负责人向同级党委和市总工会作出书面说明，截止/).waitFor();
  // Submitting nothing is refused next to the field; then the text and an attachment go in (Art. 21).
  await failing.page.getByRole('button', { name: /提\s*交/ }).click();
  await failing.page.getByText('请输入书面说明').waitFor();
  await failing.page
    .getByLabel('书面说明', { exact: true })
    .fill('长海县总工会主要负责人关于年度考核不合格的书面说明：……');
  await failing.page
    .locator('input[type=file]')
    .setInputFiles({ name: '整改方案.pdf', mimeType: 'application/pdf', buffer: pdf });
  await failing.page.getByText('整改方案.pdf').waitFor();
  await eventually(
    async () => (await stack.db.evidenceFile.count({ where: { originalName: '整改方案.pdf' } })) === 1,
    'attachment stored',
    30_000,
  );
  await shot(failing.page, '13-unit-explanation');
  await failing.page.getByRole('button', { name: /提\s*交/ }).click();
  const explanation = await eventually(
    async () => {
      const row = await stack.db.explanation.findFirst({
        where: { cycleId: ctx.cycle.id, unitId: ctx.unitId('changhai') },
        include: { evidence: true },
      });
      return row?.status === 'SUBMITTED' ? row : undefined;
    },
    'explanation submitted',
    30_000,
  );
  expect(explanation.evidence.map((file) => file.originalName)).toEqual(['整改方案.pdf']);
  // The office reads it and accepts it.
  await office.page.getByRole('menuitem', { name: '反馈与说明' }).click();
  await office.page.getByRole('button', { name: '整改方案.pdf' }).waitFor();
  await shot(office.page, '13b-office-follow-up');
  await office.page.getByRole('button', { name: /接\s*受/ }).click();
  await office.page
    .locator('.ant-modal-confirm-title', { hasText: '确认接受长海县总工会的书面说明？' })
    .waitFor();
  await confirmDialog(office.page);
  await eventually(
    async () =>
      (
        await stack.db.explanation.findFirst({
          where: { cycleId: ctx.cycle.id, unitId: ctx.unitId('changhai') },
        })
      )?.status === 'ACCEPTED',
    'explanation accepted',
    30_000,
  );

  // Department and leader reach their pages; a tablet-width office dashboard; English on request.
  const department = await signInPage('dept-legal', { width: 820, height: 1180 });
  await department.page.getByRole('menuitem', { name: '综合评价排序' }).click();
  await department.page.getByTestId('ranking-URBAN').waitFor();
  await shot(department.page, '14-department-ranking-tablet');
  await office.page.setViewportSize({ width: 820, height: 1180 });
  // A deep link loads the page itself (the server answers index.html, the client routes).
  await office.page.goto(`${baseUrl}/dashboard`);
  await office.page.getByText('考核阶段').waitFor();
  await office.page.getByText(/第 1 轮节点/).waitFor();
  await office.page.getByText('长海县总工会').first().waitFor();
  // In the follow-up the stage ends on its own conditions: no advance, the reason instead.
  await office.page
    .getByTestId('advance-blocked')
    .getByText(/按其条件自动结束，不能手动推进/)
    .waitFor();
  expect(await office.page.getByRole('button', { name: '进入下一阶段' }).isDisabled()).toBe(true);
  await shot(office.page, '15-office-dashboard-tablet');
  await office.page.getByRole('button', { name: 'English' }).click();
  await office.page.getByText('Stages', { exact: true }).waitFor();
  await office.page.getByText(/Checkpoint round 1/).waitFor();
  await shot(office.page, '16-office-dashboard-en');
  // English layout (issue 13): headings are not broken inside a word, menu items are not cut off.
  // A label is cut off when its text ends beyond its menu item's box (antd ellipsises it there).
  const cutOff = async (page: Page) =>
    page.evaluate(() => {
      interface Box {
        right: number;
      }
      interface Element {
        textContent: string | null;
        getBoundingClientRect(): Box;
        querySelector(selector: string): Element | null;
      }
      const doc = (
        globalThis as unknown as { document: { querySelectorAll(selector: string): Iterable<Element> } }
      ).document;
      return [...doc.querySelectorAll('.ant-menu-item')]
        .filter((item) => {
          const title = item.querySelector('.ant-menu-title-content');
          return title && title.getBoundingClientRect().right > item.getBoundingClientRect().right + 1;
        })
        .map((item) => item.textContent);
    });
  await office.page.setViewportSize({ width: 1280, height: 900 });
  await office.page.getByText('Stages', { exact: true }).waitFor();
  expect(await cutOff(office.page)).toEqual([]);
  await office.page.getByTestId('stage-progress').getByText('Progress by stage').waitFor();
  await shot(office.page, '16b-office-dashboard-en-1280');
  // One h1 per page, in every page of the office's menu.
  const menu = await office.page.getByRole('menuitem').allTextContents();
  for (const [index, item] of menu.entries()) {
    await office.page.getByRole('menuitem').nth(index).click();
    await office.page.locator('h1').first().waitFor();
    await office.page.waitForLoadState('networkidle');
    // A page may show its loading state (no heading yet) just after the click: wait until it rendered.
    const entry = office.page.getByRole('menuitem').nth(index);
    await eventually(
      async () =>
        (await entry.getAttribute('class'))?.includes('selected') &&
        (await office.page.locator('h1').count()) > 0,
      `${item} rendered`,
      10_000,
    );
    expect([item, await office.page.locator('h1').count()]).toEqual([item, 1]);
  }
  await office.page.getByRole('menuitem', { name: /Results$/ }).click();
  await office.page.getByText('Changhai County Federation of Trade Unions').first().waitFor();
  await shot(office.page, '19-office-results-en-1280');
  // On a tablet the key columns stay in view: the grade and View (results), the fraction (verification).
  await office.page.setViewportSize({ width: 820, height: 1180 });
  const inView = async (locator: ReturnType<Page['locator']>) => {
    const box = await locator.boundingBox();
    return Boolean(box && box.x >= 0 && box.x + box.width <= 820);
  };
  const changhaiRow = office.page.getByRole('row', { name: /Changhai/ });
  expect(await inView(changhaiRow.getByRole('button', { name: 'View' }))).toBe(true);
  expect(await inView(changhaiRow.getByText('Fail', { exact: true }))).toBe(true);
  await shot(office.page, '19b-office-results-en-820');
  await office.page.getByRole('button', { name: /中\s*文/ }).click();
  await office.page.goto(`${baseUrl}/verification`);
  const queueRow = office.page
    .getByRole('row', { name: /中山区总工会/ })
    .filter({ hasText: '上半年工作总结.pdf' });
  expect(await inView(queueRow.getByRole('spinbutton'))).toBe(true);
  await shot(office.page, '19c-office-verification-820');
  await office.page.goto(`${baseUrl}/results`);
  const changhaiZh = office.page.getByRole('row', { name: /长海县总工会/ });
  expect(await inView(changhaiZh.getByRole('button', { name: /查\s*看/ }))).toBe(true);
  await shot(office.page, '19d-office-results-820');
  // The approval page in English: the tally and the summary by name.
  await office.page.setViewportSize({ width: 1280, height: 900 });
  await office.page.getByRole('button', { name: 'English' }).click();
  await office.page.goto(`${baseUrl}/approval`);
  await office.page
    .getByTestId('tally-1')
    .getByText(/Round 1: \d+ approve/)
    .waitFor();
  await shot(office.page, '20-office-approval-en');
  // The unit's own results in English, at 1280 and 820.
  await unit.page.getByRole('button', { name: 'English' }).click();
  await unit.page.getByTestId('own-result').getByText('Our unit’s result').waitFor();
  await unit.page
    .getByText(/Results of .* \(as notified, Art\. 18\)/)
    .first()
    .waitFor();
  await shot(unit.page, '21-unit-results-en-1280');
  await unit.page.setViewportSize({ width: 820, height: 1180 });
  await shot(unit.page, '21b-unit-results-en-820');
  await unit.page.getByRole('button', { name: /中\s*文/ }).click();
  await shot(unit.page, '21c-unit-results-820');
  for (const session of [office, unit, member, failing, department]) await session.context.close();
});
