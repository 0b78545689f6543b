// Targets from an Excel workbook and last year as a template (issue 14; Art. 5, 8, 12), through the
// HTTP API on the real stack: the template's lists, a preview that stores nothing, an apply that
// replaces the targets in one transaction, the export → import round trip, the copy of a cycle into
// another year with its dates moved, and who may do each.
import ExcelJS from 'exceljs';
import { startTestStack, signIn, type Session, type TestStack } from '../support/testStack';
import { publishDemoCycle } from '../support/cycleDriver';
import { demoTargets } from '../../runtime/seed/demoTargets';
import { currentTargets } from '../../api/targets/targetsOfCycle';

const YEAR = 2035;
const base = `/api/cycles/${YEAR}`;

const binary = (test: ReturnType<Session['get']>) =>
  test.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

async function load(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}
const bytes = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

describe('targets from a workbook, and last year as a template', () => {
  let stack: TestStack;
  let office: Session;
  let cycleId: string;
  const upload = (session: Session, path: string, file: Buffer) =>
    session.agent.post(path).set('x-csrf-token', session.csrf).attach('file', file, 'targets.xlsx');
  const stored = () => currentTargets(stack.db, cycleId);

  beforeAll(async () => {
    stack = await startTestStack();
    office = await signIn(stack.app, 'office1');
    const targets = demoTargets(YEAR, new Date('2035-01-10T01:00:00.000Z'));
    expect((await office.post('/api/cycles', targets.cycle)).status).toBe(201);
    for (const indicator of targets.indicators)
      expect((await office.post(`${base}/indicators`, indicator)).status).toBe(201);
    cycleId = (await stack.db.cycle.findUniqueOrThrow({ where: { year: YEAR } })).id;
  }, 120_000);
  afterAll(async () => {
    await stack?.teardown();
  });

  test('the template has zh-CN headers, drop-down lists of groups, departments and units, and an example row', async () => {
    const response = await binary(office.get(`${base}/targets/template.xlsx`));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = await load(response.body as Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['指标', '节点', '不承担单位', '选项']);
    const indicators = workbook.getWorksheet('指标')!;
    expect(indicators.getRow(1).values).toEqual([
      undefined,
      '指标编码',
      '指标名称',
      '英文名称',
      '指标类别',
      '权重（分）',
      '责任部门',
      '考核标准',
    ]);
    expect(String(indicators.getCell('A2').value)).toMatch(/^示例:/);
    const lists = workbook.getWorksheet('选项')!;
    expect(lists.state).toBe('hidden');
    const column = (index: number) =>
      (lists.getColumn(index).values as unknown[]).filter((value) => value !== undefined);
    expect(column(1)).toEqual(['重点工作任务', '指示批示落实', '会议议定事项落实']);
    expect(column(2)).toContain('法律部');
    expect(column(3)).toContain('中山区总工会');
    const validations = (
      indicators as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }
    ).dataValidations.model;
    expect(validations['D2'] ?? validations['D2:D1001']).toMatchObject({
      type: 'list',
      formulae: ["'选项'!$A$1:$A$3"],
    });
    // The template imports as nothing at all (its example rows are skipped): only the weight rules speak.
    const preview = await upload(office, `${base}/targets/import/preview`, response.body as Buffer);
    expect(preview.status).toBe(200);
    expect(preview.body.problems.map((problem: { code: string }) => problem.code)).toEqual(['noIndicators']);
  });

  test('English headers for a user whose locale is en', async () => {
    await stack.db.user.update({ where: { username: 'office2' }, data: { locale: 'en' } });
    const english = await signIn(stack.app, 'office2');
    const workbook = await load((await binary(english.get(`${base}/targets/template.xlsx`))).body as Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Indicators',
      'Checkpoints',
      'Not undertaken',
      'Lists',
    ]);
    expect(workbook.getWorksheet('Indicators')!.getCell('E1').value).toBe('Weight (points)');
  });

  test('export → import gives the same targets (round trip), replacing them in one transaction, audited', async () => {
    const before = await stored();
    const exported = await binary(office.get(`${base}/targets/export.xlsx`));
    expect(exported.status).toBe(200);
    const preview = await upload(office, `${base}/targets/import/preview`, exported.body as Buffer);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ ok: true, problems: [], replaces: preview.body.counts });
    expect(preview.body.indicators).toEqual(before);
    const ids = (await stack.db.indicator.findMany({ where: { cycleId } })).map((row) => row.id);
    const applied = await upload(office, `${base}/targets/import`, exported.body as Buffer);
    expect(applied.status).toBe(200);
    expect(await stored()).toEqual(before);
    // Replaced, not merely kept: the rows are new.
    const after = await stack.db.indicator.findMany({ where: { cycleId } });
    expect(after.some((row) => ids.includes(row.id))).toBe(false);
    const audit = await stack.db.auditLog.findFirstOrThrow({
      where: { action: 'targets.import', cycleId },
      orderBy: { at: 'desc' },
    });
    expect(audit.actorId).toBe(office.userId);
    expect(audit.before).toEqual({ indicators: before });
    expect(audit.after).toEqual({ indicators: before });
  });

  test('a workbook with errors: each at its sheet, row and column, nothing stored by the preview or the apply', async () => {
    const before = await stored();
    const workbook = await load((await binary(office.get(`${base}/targets/export.xlsx`))).body as Buffer);
    const indicators = workbook.getWorksheet('指标')!;
    indicators.getCell('E2').value = 12.34567; // precision (4 places)
    indicators.getCell('F3').value = '不存在的部门';
    indicators.getCell('A4').value = indicators.getCell('A2').value; // duplicate code
    const checkpoints = workbook.getWorksheet('节点')!;
    checkpoints.getCell('D2').value = '2035-13-01';
    checkpoints.getCell('E3').value = 0.9; // K1's shares 0.2 + 0.9 > 1
    const non = workbook.getWorksheet('不承担单位')!;
    non.getCell('B2').value = '不存在的单位';
    const file = await bytes(workbook);
    const preview = await upload(office, `${base}/targets/import/preview`, file);
    expect(preview.status).toBe(200);
    expect(preview.body.ok).toBe(false);
    const found = preview.body.problems.map(
      (problem: { sheet: string; cell: string | null; row: number | null; code: string }) =>
        `${problem.sheet}!${problem.cell ?? ''}${problem.row ?? ''} ${problem.code}`,
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'indicators!E2 precision',
        'indicators!F3 unknownDepartment',
        'indicators!A4 duplicateIndicatorCode',
        'indicators!E groupWeightTotal',
        'checkpoints!D2 notADate',
        'checkpoints!E3 shareTotal',
        'nonUndertaking!B2 unknownUnit',
      ]),
    );
    expect(await stored()).toEqual(before);
    const refused = await upload(office, `${base}/targets/import`, file);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('BAD_REQUEST');
    expect(refused.body.error.fields['indicators!E2']).toMatch(/^precision/);
    expect(await stored()).toEqual(before);
  });

  test('a checkpoint date the indicator form refuses is refused by the import with the same rule (issue 16)', async () => {
    const [indicator] = demoTargets(YEAR, new Date('2035-01-10T01:00:00.000Z')).indicators;
    const typed = await office.post(`${base}/indicators`, {
      ...indicator,
      checkpoints: [{ ...indicator.checkpoints[0], dueAt: '2040-06-30T09:00:00.000Z' }],
    });
    expect(typed.status).toBe(400);
    const rule = typed.body.error.fields['checkpoints.0.dueAt'];
    expect(rule).toMatch(/^must lie between \d{4}-01-01 and 2036-12-31 /);
    const workbook = await load((await binary(office.get(`${base}/targets/export.xlsx`))).body as Buffer);
    workbook.getWorksheet('节点')!.getCell('D2').value = '2040-06-30 17:00'; // the same instant, Beijing time
    const preview = await upload(office, `${base}/targets/import/preview`, await bytes(workbook));
    expect(preview.status).toBe(200);
    expect(preview.body.problems).toContainEqual(
      expect.objectContaining({
        sheet: 'checkpoints',
        cell: 'D',
        row: 2,
        code: 'implausibleDate',
        params: { from: expect.stringMatching(/-01-01$/), until: '2036-12-31', rule },
      }),
    );
  });

  test('a correct edited workbook replaces the targets', async () => {
    const workbook = await load((await binary(office.get(`${base}/targets/export.xlsx`))).body as Buffer);
    workbook.getWorksheet('指标')!.getCell('B2').value = '改过的指标名称';
    workbook.getWorksheet('不承担单位')!.addRow(['M1', '中山区总工会', '本年度无会议议定事项']);
    const applied = await upload(office, `${base}/targets/import`, await bytes(workbook));
    expect(applied.status).toBe(200);
    const now = await stored();
    expect(now[0].name).toBe('改过的指标名称');
    expect(now.find((indicator) => indicator.code === 'M1')!.notUndertaken).toEqual([
      { unitCode: 'zhongshan', reason: '本年度无会议议定事项' },
    ]);
  });

  test('not a workbook, no file: refused by field; the role is checked', async () => {
    const junk = await upload(office, `${base}/targets/import/preview`, Buffer.from('not a workbook'));
    expect({ status: junk.status, fields: junk.body.error.fields }).toEqual({
      status: 400,
      fields: { file: 'not an Excel workbook (.xlsx)' },
    });
    const none = await office.post(`${base}/targets/import/preview`);
    expect(none.status).toBe(400);
    expect(none.body.error.fields).toEqual({ file: 'required' });
    const unit = await signIn(stack.app, 'unit-zhongshan');
    const exported = (await binary(office.get(`${base}/targets/export.xlsx`))).body as Buffer;
    expect((await unit.get(`${base}/targets/template.xlsx`)).status).toBe(403);
    expect((await unit.get(`${base}/targets/export.xlsx`)).status).toBe(403);
    expect((await upload(unit, `${base}/targets/import`, exported)).status).toBe(403);
    const leader = await signIn(stack.app, 'leader');
    expect((await binary(leader.get(`${base}/targets/export.xlsx`))).status).toBe(200);
    expect((await upload(leader, `${base}/targets/import`, exported)).status).toBe(403);
    expect((await unit.post(`${base}/copy`, { year: 2040 })).status).toBe(403);
  });

  test('next year from this year: indicators, checkpoints, non-undertaking, configuration and schedule, dates a year later', async () => {
    const source = await stack.db.cycle.findUniqueOrThrow({ where: { year: YEAR } });
    const response = await office.post(`${base}/copy`, { year: YEAR + 1 });
    expect(response.status).toBe(201);
    const copy = await stack.db.cycle.findUniqueOrThrow({ where: { year: YEAR + 1 } });
    const yearLater = (date: Date) => {
      const moved = new Date(date);
      moved.setUTCFullYear(moved.getUTCFullYear() + 1);
      return moved.toISOString();
    };
    expect(copy).toMatchObject({
      stage: 'TARGET_SETTING',
      publishedAt: null,
      scoringConfig: source.scoringConfig,
      approvalRule: source.approvalRule,
      explanationDays: source.explanationDays,
    });
    expect(copy.title).toContain(String(YEAR + 1));
    expect(copy.selfCheckOpensAt.toISOString()).toBe(yearLater(source.selfCheckOpensAt));
    expect(copy.evaluationDueAt.toISOString()).toBe(yearLater(source.evaluationDueAt));
    const original = await stored();
    const copied = await currentTargets(stack.db, copy.id);
    expect(copied).toEqual(
      original.map((indicator) => ({
        ...indicator,
        checkpoints: indicator.checkpoints.map((checkpoint) => ({
          ...checkpoint,
          dueAt: yearLater(new Date(checkpoint.dueAt)),
        })),
      })),
    );
    const audit = await stack.db.auditLog.findFirstOrThrow({
      where: { action: 'cycle.copy', cycleId: copy.id },
    });
    expect(audit.after).toMatchObject({ sourceYear: YEAR, year: YEAR + 1 });
    // Editable before publication like any cycle; the target rules hold for it as they did for the source.
    const check = await office.get(`/api/cycles/${YEAR + 1}/publication-check`);
    expect(
      check.body.errors.filter((problem: { field: string }) => !problem.field.startsWith('units[')),
    ).toEqual([]);
    expect((await office.post(`${base}/copy`, { year: YEAR + 1 })).body.error.code).toBe('DUPLICATE');
    expect((await office.post(`/api/cycles/2099/copy`, { year: 2098 })).status).toBe(404);
  });

  test('a copy whose 29 February folds the schedule out of order is refused by the schedule rule', async () => {
    const targets = demoTargets(2028, new Date('2028-01-05T01:00:00.000Z'));
    // Beijing: opens 28 Feb 23:00, due 29 Feb 01:00; in 2029 both fall on 28 Feb, due before opens.
    const schedule = {
      selfCheckOpensAt: '2028-02-28T15:00:00.000Z',
      selfCheckDueAt: '2028-02-28T17:00:00.000Z',
      verificationDueAt: '2028-03-10T00:00:00.000Z',
      evaluationDueAt: '2028-03-20T00:00:00.000Z',
    };
    expect((await office.post('/api/cycles', { ...targets.cycle, schedule })).status).toBe(201);
    const refused = await office.post('/api/cycles/2028/copy', { year: 2029 });
    expect({ status: refused.status, fields: refused.body.error.fields }).toEqual({
      status: 400,
      fields: { schedule: 'dates out of order' },
    });
    expect(await stack.db.cycle.findUnique({ where: { year: 2029 } })).toBeNull();
  });

  test('after publication the import is refused (Art. 8)', async () => {
    await publishDemoCycle(stack, 2034);
    const exported = (await binary(office.get(`${base}/targets/export.xlsx`))).body as Buffer;
    const refused = await upload(office, `/api/cycles/2034/targets/import`, exported);
    expect({ status: refused.status, code: refused.body.error.code }).toEqual({
      status: 409,
      code: 'WRONG_STAGE',
    });
  }, 120_000);
});
