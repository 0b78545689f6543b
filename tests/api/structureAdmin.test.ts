// Structure administration (issue 14): categories, units, departments, the party group and accounts are
// changed through the API — validated, authorized, audited with before/after — and a published cycle
// keeps the structure it was published with (Art. 6, per year) while an unpublished one follows changes.
import {
  checkResponsesAgainst,
  startTestStack,
  signIn,
  type TestStack,
  type Session,
} from '../support/testStack';
import { responseContract } from '../support/responseContract';
import { publishDemoCycle } from '../support/cycleDriver';
import { demoTargets } from '../../runtime/seed/demoTargets';
import { loadCycleSetup } from '../../activities/cycleSetup';
import { loadScoringInput } from '../../activities/scoringInput';
import { cycleRankingDepartments, cycleVoters } from '../../db/cycleStructure';
import { DEMO_PASSWORD } from '../../runtime/seed/seedFederation';
import { loadResultExportData } from '../../api/export/resultExportData';
import { loadUnitResults } from '../../activities/notices/unitResults';

const PUBLISHED = 2031;
const DRAFT = 2032;

describe('structure administration', () => {
  let stack: TestStack;
  let admin: Session;
  let office: Session;
  let unitUser: Session;
  let cycleId: string;
  // Every response is checked against the OpenAPI document (describeRoute's success schemas).
  const contract = responseContract();

  beforeAll(async () => {
    stack = await startTestStack();
    checkResponsesAgainst(contract);
    admin = await signIn(stack.app, 'admin');
    office = await signIn(stack.app, 'office1');
    unitUser = await signIn(stack.app, 'unit-zhongshan');
  });
  afterAll(async () => {
    checkResponsesAgainst(undefined);
    await stack?.teardown();
  });

  const unitByCode = (code: string) => stack.db.unit.findUniqueOrThrow({ where: { code } });
  const lastAudit = (action: string, targetId: string) =>
    stack.db.auditLog.findFirstOrThrow({ where: { action, targetId }, orderBy: { id: 'desc' } });

  it('refuses other roles (403, audited) and lets the office keep units but not accounts', async () => {
    const category = await stack.db.category.findFirstOrThrow({ where: { code: 'URBAN' } });
    const denied = await unitUser.post('/api/structure/units', {
      code: 'ghost',
      name: '幽灵区总工会',
      categoryId: category.id,
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    expect(await stack.db.unit.count({ where: { code: 'ghost' } })).toBe(0);
    expect(
      await stack.db.auditLog.count({
        where: { outcome: 'DENIED', actorRole: 'UNIT', targetId: '/api/structure/units' },
      }),
    ).toBe(1);
    expect((await office.get('/api/structure/units')).status).toBe(200);
    expect((await office.get('/api/structure/accounts')).status).toBe(403);
    const leader = await stack.db.user.findUniqueOrThrow({ where: { username: 'leader' } });
    expect((await office.put(`/api/structure/accounts/${leader.id}`, { locale: 'en' })).status).toBe(403);
    expect((await stack.db.user.findUniqueOrThrow({ where: { id: leader.id } })).locale).toBe('zh-CN');
  });

  it('validates every field and names it; a taken code is a 409 naming the field', async () => {
    const bad = await office.post('/api/structure/units', {
      code: 'Has Space',
      name: '',
      categoryId: 'not-a-uuid',
      principalLeaderEmail: 'nobody',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(
      ['categoryId', 'code', 'name', 'principalLeaderEmail'].sort(),
    );
    const unknownCategory = await office.post('/api/structure/units', {
      code: 'newzone',
      name: '新区总工会',
      categoryId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownCategory.status).toBe(400);
    expect(unknownCategory.body.error.fields).toEqual({ categoryId: 'unknown category' });
    const category = await stack.db.category.findFirstOrThrow({ where: { code: 'URBAN' } });
    const taken = await office.post('/api/structure/units', {
      code: 'zhongshan',
      name: '重复',
      categoryId: category.id,
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('DUPLICATE');
    expect(Object.keys(taken.body.error.fields)).toEqual(['code']);
    const duplicateCategory = await office.post('/api/structure/categories', { code: 'URBAN', name: '城区' });
    expect(duplicateCategory.status).toBe(409);
  });

  it('audits every change with before and after', async () => {
    const created = await office.post('/api/structure/categories', {
      code: 'NEWZONE',
      name: '新设功能区',
      sortOrder: 9,
    });
    expect(created.status).toBe(201);
    const categoryId = created.body.category.id as string;
    expect((await lastAudit('category.create', categoryId)).after).toMatchObject({
      code: 'NEWZONE',
      name: '新设功能区',
    });
    const renamed = await office.put(`/api/structure/categories/${categoryId}`, {
      name: '功能区',
      nameEn: 'Zones',
    });
    expect(renamed.status).toBe(200);
    const audit = await lastAudit('category.update', categoryId);
    expect(audit.before).toEqual({ name: '新设功能区', nameEn: null });
    expect(audit.after).toEqual({ name: '功能区', nameEn: 'Zones' });
    expect(audit.actorRole).toBe('OFFICE');

    const department = await stack.db.department.findUniqueOrThrow({ where: { code: 'women' } });
    const edited = await admin.put(`/api/structure/departments/${department.id}`, { name: '女职工部' });
    expect(edited.status).toBe(200);
    const departmentAudit = await lastAudit('department.update', department.id);
    expect(departmentAudit.before).toEqual({ name: department.name });
    expect(departmentAudit.after).toEqual({ name: '女职工部' });
    await admin.put(`/api/structure/departments/${department.id}`, { name: department.name });
  });

  it('edits accounts (role, bound unit, locale, active) and resets a password to a one-time one; no hash leaves', async () => {
    const unit = await unitByCode('xigang');
    const created = await admin.post('/api/auth/users', {
      username: 'xigang-staff',
      displayName: '西岗区干事',
      role: 'THIRD_PARTY',
      password: 'first-Password-1',
    });
    expect(created.status).toBe(201);
    const userId = created.body.user.id as string;
    const missingUnit = await admin.put(`/api/structure/accounts/${userId}`, { role: 'UNIT' });
    expect(missingUnit.status).toBe(400);
    expect(missingUnit.body.error.fields).toEqual({ unitId: 'a UNIT account is bound to one unit' });
    const bound = await admin.put(`/api/structure/accounts/${userId}`, {
      role: 'UNIT',
      unitId: unit.id,
      locale: 'en',
    });
    expect(bound.status).toBe(200);
    expect(bound.body.account).toMatchObject({ role: 'UNIT', unitName: unit.name, locale: 'en' });
    expect(JSON.stringify(bound.body)).not.toMatch(/scrypt|passwordHash/);
    const audit = await lastAudit('user.update', userId);
    expect(audit.before).toEqual({ role: 'THIRD_PARTY', unitId: null, locale: 'zh-CN' });
    expect(audit.after).toEqual({ role: 'UNIT', unitId: unit.id, locale: 'en' });

    const staff = await signIn(stack.app, 'xigang-staff', 'first-Password-1');
    const reset = await admin.post(`/api/structure/accounts/${userId}/one-time-password`);
    expect(reset.status).toBe(200);
    const password = reset.body.password as string;
    expect(password).toMatch(/^[A-Za-z0-9]{14}$/);
    expect((await staff.get('/api/auth/me')).status).toBe(401); // its sessions ended
    const again = await signIn(stack.app, 'xigang-staff', password);
    expect((await again.get('/api/auth/me')).body.user).toMatchObject({ role: 'UNIT', unitId: unit.id });
    expect(JSON.stringify((await lastAudit('user.password.reset', userId)).after)).not.toContain(password);

    const self = await admin.put(`/api/structure/accounts/${admin.userId}`, { active: false });
    expect(self.status).toBe(400);
    const off = await admin.put(`/api/structure/accounts/${userId}`, { active: false });
    expect(off.status).toBe(200);
    expect((await again.get('/api/auth/me')).status).toBe(401);
    const accounts = await admin.get('/api/structure/accounts');
    expect(JSON.stringify(accounts.body)).not.toMatch(/scrypt|passwordHash/);
  });

  it('a published cycle keeps its units, rankers and results; an unpublished one follows the change', async () => {
    const { cycle } = await publishDemoCycle(stack, PUBLISHED);
    cycleId = cycle.id;
    const draftTargets = demoTargets(DRAFT, new Date(await stack.env.currentTimeMs()));
    expect((await office.post('/api/cycles', draftTargets.cycle)).status).toBe(201);
    const setupBefore = await loadCycleSetup(stack.db, cycleId);
    const votersBefore = await cycleVoters(stack.db, cycleId);
    const departmentsBefore = await cycleRankingDepartments(stack.db, cycleId);
    const zhongshan = await unitByCode('zhongshan');
    const urban = await stack.db.category.findFirstOrThrow({ where: { code: 'URBAN' } });
    // A result of the published year, as scoring writes it.
    await stack.db.unitResult.create({
      data: {
        cycleId,
        unitId: zhongshan.id,
        indicatorScore: 90,
        indicatorPoints: 63,
        leaderScore: 95,
        departmentScore: 92,
        comprehensivePoints: 28,
        bonus: 0,
        deduction: 0,
        downgradeLevels: 0,
        total: 91,
        scoreGrade: 'GOOD',
        finalGrade: 'GOOD',
        categoryRank: 1,
        breakdown: [],
        scoredAt: new Date(),
      },
    });

    // The changes: a unit renamed, a department head changed, a department that no longer ranks, a new
    // party-group member and a new unit.
    expect(
      (await office.put(`/api/structure/units/${zhongshan.id}`, { name: '中山新区总工会' })).status,
    ).toBe(200);
    const legal = await stack.db.department.findUniqueOrThrow({ where: { code: 'legal' } });
    const oldHead = await stack.db.user.findFirstOrThrow({
      where: { departmentId: legal.id, role: 'DEPARTMENT' },
    });
    expect((await admin.put(`/api/structure/accounts/${oldHead.id}`, { active: false })).status).toBe(200);
    const newHead = await admin.post('/api/auth/users', {
      username: 'legal-head-new',
      displayName: '新任法律部部长',
      role: 'DEPARTMENT',
      departmentId: legal.id,
      password: DEMO_PASSWORD,
    });
    expect(newHead.status).toBe(201);
    const finance = await stack.db.department.findUniqueOrThrow({ where: { code: 'finance' } });
    expect((await office.put(`/api/structure/departments/${finance.id}`, { ranks: false })).status).toBe(200);
    const member = await admin.post('/api/auth/users', {
      username: 'member-new',
      displayName: '新任党组成员',
      role: 'THIRD_PARTY',
      password: DEMO_PASSWORD,
    });
    expect(
      (await admin.put(`/api/structure/party-group/${member.body.user.id}`, { member: true })).status,
    ).toBe(200);
    const added = await office.post('/api/structure/units', {
      code: 'newdistrict',
      name: '新区总工会',
      categoryId: urban.id,
    });
    expect(added.status).toBe(201);

    // The published year: as it was.
    const setupAfter = await loadCycleSetup(stack.db, cycleId);
    expect(setupAfter.units).toEqual(setupBefore.units);
    expect(setupAfter.voters).toEqual(setupBefore.voters);
    expect(setupAfter.rankingDepartments).toEqual(setupBefore.rankingDepartments);
    expect(await cycleVoters(stack.db, cycleId)).toEqual(votersBefore);
    expect(await cycleRankingDepartments(stack.db, cycleId)).toEqual(departmentsBefore);
    expect(departmentsBefore.find((row) => row.id === legal.id)?.headNames).toBe(oldHead.displayName);
    const scoring = await loadScoringInput(stack.db, cycleId);
    expect(scoring.units.find((unit) => unit.id === zhongshan.id)?.name).toBe(zhongshan.name);
    expect(scoring.units.some((unit) => unit.id === added.body.unit.id)).toBe(false);
    const targets = await office.get(`/api/cycles/${PUBLISHED}/targets`);
    expect(targets.status).toBe(200);
    const targetUnits = (targets.body.targets as { unit: { id: string; name: string } }[]).map(
      (row) => row.unit,
    );
    expect(targetUnits.find((unit) => unit.id === zhongshan.id)?.name).toBe(zhongshan.name);
    expect(targetUnits.some((unit) => unit.id === added.body.unit.id)).toBe(false);
    const exported = await loadResultExportData(stack.db, PUBLISHED);
    expect(exported?.results.map((row) => row.unitName)).toEqual([zhongshan.name]);
    const noticed = await loadUnitResults(stack.db, cycleId);
    expect((await noticed.noticeData(noticed.results[0])).unitName).toBe(zhongshan.name);
    const results = await office.get(`/api/cycles/${PUBLISHED}/results`);
    expect(results.status).toBe(200);
    expect(results.body.results[0].unit.name).toBe(zhongshan.name);
    // The new member does not rank in the published year; the new head ranks for the department.
    const newMember = await signIn(stack.app, 'member-new');
    const ranking = await newMember.post(`/api/cycles/${PUBLISHED}/rankings`, {
      kind: 'LEADER',
      categoryId: urban.id,
      unitOrder: [zhongshan.id],
    });
    expect(ranking.status).toBe(403);
    expect(ranking.body.error.message).toMatch(/not a party-group member of this cycle/);

    // The unpublished year follows the change.
    const draft = await office.get(`/api/cycles/${DRAFT}/targets`);
    const draftUnits = (draft.body.targets as { unit: { id: string; name: string } }[]).map(
      (row) => row.unit,
    );
    expect(draftUnits.find((unit) => unit.id === zhongshan.id)?.name).toBe('中山新区总工会');
    expect(draftUnits.some((unit) => unit.id === added.body.unit.id)).toBe(true);
    const draftCycle = await stack.db.cycle.findUniqueOrThrow({ where: { year: DRAFT } });
    expect(
      (await cycleVoters(stack.db, draftCycle.id)).some((voter) => voter.userId === member.body.user.id),
    ).toBe(true);
    expect(
      (await cycleRankingDepartments(stack.db, draftCycle.id)).some((row) => row.id === finance.id),
    ).toBe(false);
  });

  it('deactivating a unit of a running year asks to confirm; the unit stays in that year and leaves the next', async () => {
    const xigang = await unitByCode('xigang');
    const unconfirmed = await office.put(`/api/structure/units/${xigang.id}`, { active: false });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error.code).toBe('CONFIRM_REQUIRED');
    expect(unconfirmed.body.error.message).toContain(String(PUBLISHED));
    expect((await unitByCode('xigang')).active).toBe(true);
    const confirmed = await office.put(`/api/structure/units/${xigang.id}`, { active: false, confirm: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.unit).toMatchObject({ active: false, openCycles: [{ year: PUBLISHED }] });
    expect((await lastAudit('unit.update', xigang.id)).after).toEqual({ active: false });
    expect((await loadCycleSetup(stack.db, cycleId)).units.some((unit) => unit.id === xigang.id)).toBe(true);
    const draft = await office.get(`/api/cycles/${DRAFT}/targets`);
    expect((draft.body.targets as { unit: { id: string } }[]).some((row) => row.unit.id === xigang.id)).toBe(
      false,
    );
    // A unit outside any running year is deactivated without a question.
    const added = await stack.db.unit.findUniqueOrThrow({ where: { code: 'newdistrict' } });
    expect((await office.put(`/api/structure/units/${added.id}`, { active: false })).status).toBe(200);
  });

  it('answers as its OpenAPI document says', async () => {
    for (const year of [undefined, PUBLISHED]) {
      const query = year ? `?year=${year}` : '';
      expect((await office.get(`/api/units${query}`)).status).toBe(200);
      expect((await office.get(`/api/categories${query}`)).status).toBe(200);
    }
    // The published year's units keep the name they were published with.
    const published = await office.get(`/api/units?year=${PUBLISHED}`);
    const zhongshan = await unitByCode('zhongshan');
    expect(published.body.units.find((unit: { id: string }) => unit.id === zhongshan.id).name).toBe(
      '中山区总工会',
    );
    expect(zhongshan.name).toBe('中山新区总工会');
    for (const path of ['categories', 'units', 'departments', 'party-group', 'accounts'])
      expect((await admin.get(`/api/structure/${path}`)).status).toBe(200);
    expect(contract.problems()).toEqual([]);
  });
});
