// The real stack with the built web app and Debian's Chromium (playwright-core), for browser tests:
// sign-in per user in its own context, screenshots to test-artifacts/screenshots/, and the cycle as
// cycleDriver's helpers need it. The same start-up as tests/web/browser.test.ts (build first, then the
// stack: on two shared cores a parallel build starves the Temporal server's start-up).
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestStack, type TestStack } from './testStack';
import { actors, type CycleContext } from './cycleDriver';
import type { DemoTargets } from '../../runtime/seed/demoTargets';
import { DEMO_PASSWORD } from '../../runtime/seed/seedFederation';
import { ensureWebBuild } from '../../runtime/webBuild';
import { mountWebApp } from '../../runtime/webApp';
import { cycleStatusQuery, type CycleStatus } from '../../workflows/contract';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'screenshots');

export interface WebBrowserStack {
  stack: TestStack;
  /** How long the web build took (0 when it was up to date). */
  buildMs: number;
  baseUrl: string;
  browser: Browser;
  /** Signs in through the sign-in page, in its own browser context (own cookie jar). */
  signInPage(
    username: string,
    options?: { viewport?: { width: number; height: number }; locale?: string },
  ): Promise<{ context: BrowserContext; page: Page }>;
  /** A full-page screenshot once the network is idle. */
  shot(page: Page, name: string): Promise<void>;
  /** The last view of every page still open, for a failure (call in afterEach). */
  shootOpenPages(prefix: string): Promise<void>;
  teardown(): Promise<void>;
}

export async function startWebBrowserStack(): Promise<WebBrowserStack> {
  const buildMs = (await ensureWebBuild()).milliseconds;
  const stack = await startTestStack();
  mountWebApp(stack.app);
  const server: Server = stack.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fs.mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  const openPages: [string, Page][] = [];
  return {
    stack,
    buildMs,
    baseUrl,
    browser,
    async signInPage(username, options = {}) {
      const context = await browser.newContext({
        viewport: options.viewport ?? { width: 1280, height: 900 },
        locale: options.locale ?? 'zh-CN',
        acceptDownloads: true,
      });
      const page = await context.newPage();
      openPages.push([username, page]);
      page.on('pageerror', (error) => console.error(`[browser ${username}]`, error));
      await page.goto(baseUrl);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByTestId('current-user').waitFor();
      return { context, page };
    },
    async shot(page, name) {
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    },
    async shootOpenPages(prefix) {
      for (const [username, page] of openPages.splice(0)) {
        if (!page.isClosed())
          await page
            .screenshot({ path: path.join(SHOTS, `${prefix}-last-${username}.png`), fullPage: true })
            .catch(() => undefined);
      }
    },
    async teardown() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await stack.teardown();
    },
  };
}

/** The cycle of `year` as cycleDriver's helpers need it, once the office has published it. */
export async function publishedCycleContext(
  stack: TestStack,
  year: number,
  targets: DemoTargets,
): Promise<CycleContext> {
  const db = stack.db;
  const cycle = await db.cycle.findUniqueOrThrow({ where: { year } });
  const units = await db.unit.findMany({
    where: { active: true },
    include: { category: true },
    orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
  });
  const unitId = (code: string) => units.find((unit) => unit.code === code)!.id;
  return {
    stack,
    year,
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
