// The web app in a real browser (Debian's Chromium, headless, driven by playwright-core) against the
// real stack: PostgreSQL, the Temporal test server with time skipping, the worker, SMTP and the API.
// The office publishes the targets, a unit uploads evidence for a checkpoint, a party-group member
// ranks a category by drag and drop and by keyboard and approves the results; each role's main pages
// are saved as screenshots in test-artifacts/screenshots/. Stages the people in this test do not act
// in are moved on through the workflow contract (tests/support/cycleDriver.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import JSZip from 'jszip';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestStack, signIn, type TestStack } from '../support/testStack';
import {
  actors,
  advanceTo,
  approvers,
  eventually,
  verifyUnits,
  vote,
  waitForStage,
  type CycleContext,
} from '../support/cycleDriver';
import { demoTargets } from '../../runtime/seed/demoTargets';
import { DEMO_PASSWORD } from '../../runtime/seed/seedFederation';
import { ensureWebBuild } from '../../runtime/webBuild';
import { mountWebApp } from '../../runtime/webApp';
import { cycleStatusQuery, type CycleStatus } from '../../workflows/contract';
import { minimalPdf } from '../support/evidenceFixtures';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'screenshots');
const YEAR = 2031;
// Year-end completion per unit, so the results differ (and one unit fails, Art. 16, 21).
const FRACTION: Record<string, number> = { changhai: 0.3, xigang: 0.8, lvshunkou: 0.95 };

jest.setTimeout(240_000);

let stack: TestStack;
let server: Server;
let baseUrl: string;
let browser: Browser;
let buildMs = 0;
const openPages: [string, Page][] = [];

beforeAll(async () => {
  // One after the other: on two shared cores a parallel build starves the Temporal server's start-up.
  buildMs = (await ensureWebBuild()).milliseconds;
  stack = await startTestStack();
  mountWebApp(stack.app);
  server = stack.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
});

afterEach(async () => {
  // What each signed-in page showed last: on a failure, that is where to look.
  for (const [username, page] of openPages.splice(0)) {
    if (!page.isClosed())
      await page
        .screenshot({ path: path.join(SHOTS, `last-${username}.png`), fullPage: true })
        .catch(() => undefined);
  }
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await stack?.teardown();
});

async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Signs in through the sign-in page, in its own browser context (own cookie jar), at 1280 px. */
async function signInPage(
  username: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  openPages.push([username, page]);
  page.on('pageerror', (error) => console.error(`[browser ${username}]`, error));
  await page.goto(baseUrl);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('current-user').waitFor();
  return { context, page };
}

/** The cycle as cycleDriver's helpers need it, once the office has published it. */
async function cycleContext(targets: ReturnType<typeof demoTargets>): Promise<CycleContext> {
  const db = stack.db;
  const cycle = await db.cycle.findUniqueOrThrow({ where: { year: YEAR } });
  const units = await db.unit.findMany({
    where: { active: true },
    include: { category: true },
    orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
  });
  const unitId = (code: string) => units.find((unit) => unit.code === code)!.id;
  return {
    stack,
    year: YEAR,
    cycle,
    targets,
    wf: cycle.workflowId,
    who: await actors(db),
    units,
    categories: await db.category.findMany({ orderBy: { sortOrder: 'asc' } }),
    checkpoints: await db.checkpoint.findMany({
      where: { cycleId: cycle.id },
      include: { indicator: { include: { notUndertaken: true } } },
      orderBy: { code: 'asc' },
    }),
    indicators: await db.indicator.findMany({
      where: { cycleId: cycle.id },
      include: { notUndertaken: true },
      orderBy: { sortOrder: 'asc' },
    }),
    unitId,
    codeOf: (id: string) => units.find((unit) => unit.id === id)!.code,
    undertakes: (indicator: { notUndertaken: { unitId: string }[] }, code: string) =>
      !indicator.notUndertaken.some((row) => row.unitId === unitId(code)),
    status: (): Promise<CycleStatus> =>
      stack.env.client.workflow.getHandle(cycle.workflowId).query(cycleStatusQuery),
  } as CycleContext;
}

test('every role in the browser: publish, upload evidence, rank, approve, results and exports', async () => {
  console.log(`[browser test] web build: ${buildMs ? `${(buildMs / 1000).toFixed(1)} s` : 'up to date'}`);
  const targets = demoTargets(YEAR, new Date(await stack.env.currentTimeMs()));
  const officeApi = await signIn(stack.app, 'office1');
  expect((await officeApi.post('/api/cycles', targets.cycle)).status).toBe(201);
  for (const indicator of targets.indicators)
    expect((await officeApi.post(`/api/cycles/${YEAR}/indicators`, indicator)).status).toBe(201);

  // ----- Sign-in: a wrong password is reported and the typed user name stays -----
  const anonymous = await browser.newContext({ viewport: { width: 1280, height: 900 } });
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
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await eventually(
    async () => (await stack.db.approvalRound.count({ where: { cycleId: ctx.cycle.id } })) === 1,
    'approval round 1',
    30_000,
  );

  // ----- Member: a rejection needs a comment; then approves (Art. 18) -----
  await member.page.getByRole('menuitem', { name: '党组审定' }).click();
  await member.page.getByText('第 1 轮').first().waitFor();
  await member.page.getByRole('radio', { name: '不同意' }).check();
  await member.page.getByRole('button', { name: /提\s*交/ }).click();
  await member.page.getByText('不同意时请填写意见').waitFor();
  await member.page.getByRole('radio', { name: '同意', exact: true }).check();
  await member.page.getByText('不同意时请填写意见').waitFor({ state: 'detached' });
  await member.page.getByLabel('意见', { exact: true }).fill('同意考核结果。');
  await shot(member.page, '09-member-approval');
  await member.page.getByRole('button', { name: /提\s*交/ }).click();
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
  await unit.page.getByText('中山区总工会').first().waitFor();
  await shot(unit.page, '12-unit-results');
  const failing = await signInPage('unit-changhai');
  await failing.page.getByRole('menuitem', { name: '反馈确认与书面说明' }).click();
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
  await shot(office.page, '15-office-dashboard-tablet');
  await office.page.getByRole('button', { name: 'English' }).click();
  await office.page.getByText('Stages').waitFor();
  await office.page.getByText(/Checkpoint round 1/).waitFor();
  await shot(office.page, '16-office-dashboard-en');
  for (const session of [office, unit, member, failing, department]) await session.context.close();
});
