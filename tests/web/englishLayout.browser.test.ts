// English layout on a tablet and a desktop (issue 13), in Chromium against the real stack: no word of a
// unit, indicator or category name is split across lines or spills out of its cell in any table; the
// menu keeps its width and shows every label whole after a reload, in both languages; the dashboard's
// checkpoint progress and the verification queue name units in English, and checkpoints (which have
// only the Chinese name the office typed) by code and due date.
import type { Page } from 'playwright-core';
import { signIn } from '../support/testStack';
import {
  advanceTo,
  approvers,
  eventually,
  rankEverywhere,
  submitRound,
  verifyUnits,
  vote,
  waitForStage,
} from '../support/cycleDriver';
import { publishedCycleContext, startWebBrowserStack, type WebBrowserStack } from '../support/webBrowser';
import { demoTargets } from '../../runtime/seed/demoTargets';
import { submitForApprovalUpdate } from '../../workflows/contract';

const YEAR = 2036;

jest.setTimeout(420_000);

let web: WebBrowserStack;

beforeAll(async () => {
  web = await startWebBrowserStack();
});

afterEach(async () => {
  await web?.shootOpenPages('english');
});

afterAll(async () => {
  await web?.teardown();
});

// Every Latin word in a table cell: split when its Range has more than one line box, spilling when it
// ends beyond its cell. (A string, run in the page: the tests' tsconfig has no DOM types.)
const SPLIT_WORDS = `(() => {
  const found = [];
  for (const cell of document.querySelectorAll('.ant-table-thead th, .ant-table-tbody td')) {
    const box = cell.getBoundingClientRect();
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[A-Za-z]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
        if (rects.length > 1) found.push('split: ' + match[0] + ' in ' + cell.textContent);
        else if (rects.length === 1 && rects[0].right > box.right + 1)
          found.push('spills: ' + match[0] + ' in ' + cell.textContent);
      }
    }
  }
  return found;
})()`;

const splitWords = (page: Page) => page.evaluate(SPLIT_WORDS) as Promise<string[]>;

// The side menu's width and the labels that do not fit their item.
const MENU = `(() => {
  const sider = document.querySelector('.ant-layout-sider');
  const cut = [...document.querySelectorAll('.ant-menu-item')]
    .filter((item) => {
      const title = item.querySelector('.ant-menu-title-content');
      return !title || title.scrollWidth > title.clientWidth + 1 ||
        title.getBoundingClientRect().right > item.getBoundingClientRect().right + 1;
    })
    .map((item) => item.textContent);
  const menuWidth = Math.round(sider.querySelector('.ant-menu').getBoundingClientRect().width);
  return { width: Math.round(sider.getBoundingClientRect().width), menuWidth, cut };
})()`;

const menu = (page: Page) =>
  page.evaluate(MENU) as Promise<{ width: number; menuWidth: number; cut: string[] }>;

test('English tables keep words whole at 820 and 1280 px; the menu after a reload in both languages', async () => {
  const { stack } = web;
  const targets = demoTargets(YEAR, new Date(await stack.env.currentTimeMs()));
  const officeApi = await signIn(stack.app, 'office1');
  expect((await officeApi.post('/api/cycles', targets.cycle)).status).toBe(201);
  for (const indicator of targets.indicators)
    expect((await officeApi.post(`/api/cycles/${YEAR}/indicators`, indicator)).status).toBe(201);
  expect((await officeApi.post(`/api/cycles/${YEAR}/publish`, { acknowledgeWarnings: true })).status).toBe(
    202,
  );
  const ctx = await publishedCycleContext(stack, YEAR, targets);
  await waitForStage(ctx, 'CHECKPOINTS');
  const round1 = (await ctx.status()).rounds[0];
  await submitRound(ctx, round1.key, 'zhongshan');

  const office = await web.signInPage('office1', { viewport: { width: 1280, height: 900 } });
  const page = office.page;

  // ----- The menu after a reload, in both languages: its width and every label whole -----
  for (const [language, width] of [
    ['zh-CN', 208],
    ['en', 264],
  ] as const) {
    await page.evaluate(`localStorage.setItem('kaohe.locale', '${language}')`);
    for (const viewport of [1280, 1024]) {
      await page.setViewportSize({ width: viewport, height: 900 });
      await page.reload();
      await page.getByTestId('current-user').waitFor();
      await page.waitForLoadState('networkidle');
      expect([language, viewport, await menu(page)]).toEqual([
        language,
        viewport,
        { width, menuWidth: width, cut: [] },
      ]);
    }
  }
  await web.shot(page, 'english-01-menu-1024');
  // From the tablet's rail to a desktop window: the menu is at its full width at once. antd animates the
  // sider's width for 0.2 s, and a look in between found a menu of about 130 px with its labels cut off.
  await page.setViewportSize({ width: 820, height: 900 });
  await page.reload();
  await page.getByTestId('current-user').waitFor();
  await page.waitForLoadState('networkidle');
  expect((await menu(page)).width).toBe(80);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForTimeout(100);
  expect(await menu(page)).toEqual({ width: 264, menuWidth: 264, cut: [] });

  // ----- The verification queue and the dashboard in English -----
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.goto(`${web.baseUrl}/verification`);
  const zhongshan = page.getByRole('row', { name: /Zhongshan District Federation of Trade Unions/ });
  await zhongshan.first().waitFor();
  // A checkpoint by its code and due date (it has no English name), not by the Chinese one.
  const firstCheckpoint = ctx.checkpoints.find((row) => row.id === round1.checkpointIds[0])!;
  await zhongshan
    .getByText(new RegExp(`^${firstCheckpoint.code} \\(due \\d{4}-\\d{2}-\\d{2}\\)$`))
    .first()
    .waitFor();
  // The unit and checkpoint columns carry no Chinese (the unit's own text in its submission may).
  for (const column of [0, 1])
    expect(await zhongshan.first().locator('td').nth(column).textContent()).not.toMatch(/[\u4e00-\u9fff]/);
  for (const width of [820, 1280]) {
    await page.setViewportSize({ width, height: 1000 });
    expect([`verification ${width}`, await splitWords(page)]).toEqual([`verification ${width}`, []]);
  }
  await web.shot(page, 'english-02-verification');
  await page.goto(`${web.baseUrl}/dashboard`);
  await page.getByText(/Zhongshan District Federation of Trade Unions · On time/).waitFor();
  expect(await page.getByText(/中山区总工会/).count()).toBe(0);

  // ----- Through the year to the results (contract helpers, time skipping) -----
  await advanceTo(stack, Date.parse(targets.cycle.schedule.selfCheckOpensAt) + 1000);
  await advanceTo(stack, Date.parse(targets.cycle.schedule.selfCheckDueAt) + 1000);
  await waitForStage(ctx, 'VERIFICATION');
  await verifyUnits(
    ctx,
    ctx.units.map((row) => row.code),
    () => 0.9,
  );
  await advanceTo(stack, Date.parse(targets.cycle.schedule.verificationDueAt) + 1000);
  await waitForStage(ctx, 'EVALUATION');
  await rankEverywhere(ctx, (category) =>
    ctx.units.filter((row) => row.category.code === category).map((row) => row.code),
  );
  await waitForStage(ctx, 'SCORING');
  await eventually(
    async () => (await stack.db.unitResult.count({ where: { cycleId: ctx.cycle.id } })) === ctx.units.length,
    'scored results',
  );
  await stack.cycles.update(ctx.wf, submitForApprovalUpdate, { actor: ctx.who.office });
  await eventually(
    async () => (await stack.db.approvalRound.count({ where: { cycleId: ctx.cycle.id } })) === 1,
    'approval round 1',
  );
  for (const voter of approvers(ctx)) await vote(ctx, 1, voter, 'APPROVE');
  await waitForStage(ctx, 'FOLLOW_UP');

  // ----- Every office page with a table, in English at 820 and 1280 px -----
  for (const path of ['/results', '/scoring', '/targets', '/dashboard', '/verification', '/structure']) {
    for (const width of [820, 1280]) {
      await page.setViewportSize({ width, height: 1000 });
      await page.goto(`${web.baseUrl}${path}`);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
      expect([path, width, await splitWords(page)]).toEqual([path, width, []]);
    }
  }
  // The menu keeps its width and whole labels on every page of the office, in both languages (one was
  // seen at about 130 px on the notices log, its labels wrapped and cut off).
  for (const [language, width] of [
    ['zh-CN', 208],
    ['en', 264],
  ] as const) {
    await page.evaluate(`localStorage.setItem('kaohe.locale', '${language}')`);
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const path of [
      '/todo',
      '/dashboard',
      '/results',
      '/notifications',
      '/audit',
      '/follow-up',
      '/structure',
    ]) {
      await page.goto(`${web.baseUrl}${path}`);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      expect([language, path, await menu(page)]).toEqual([
        language,
        path,
        { width, menuWidth: width, cut: [] },
      ]);
    }
  }
  await page.evaluate(`localStorage.setItem('kaohe.locale', 'en')`);
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.goto(`${web.baseUrl}/results`);
  await page
    .getByRole('row', { name: /Zhongshan District/ })
    .first()
    .waitFor();
  await web.shot(page, 'english-03-results-820');
  // The audit log names a ranking by the category it orders, not by its id.
  const audit = await (
    await signIn(stack.app, 'office1')
  ).get(`/api/audit?action=ranking.submit&cycleYear=${YEAR}`);
  expect(audit.status).toBe(200);
  const entries = (audit.body as { entries: { targetName: string | null }[] }).entries;
  const categoryNames = ctx.categories.map((row) => row.name);
  expect(entries.length).toBeGreaterThan(0);
  expect(entries.filter((entry) => !categoryNames.includes(entry.targetName ?? ''))).toEqual([]);
  await office.context.close();
});
