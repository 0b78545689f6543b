// The office's reads and follow-ups through the API: the dashboard's dynamic monitoring (Art. 8: on
// time, late, missing), the notices log with the resend of a refused notice to a corrected address,
// the audit log search (Art. 23), and unit contacts kept by the office.
import { startTestStack, signIn, type TestStack, type Session } from '../support/testStack';
import { publishDemoCycle, actors } from '../support/cycleDriver';
import { cycleStatusQuery } from '../../workflows/contract';

const YEAR = 2032;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('dashboard, notices, audit, contacts', () => {
  let stack: TestStack;
  let office: Session;
  let units: { id: string; code: string }[];
  const unitId = (code: string) => units.find((unit) => unit.code === code)!.id;
  beforeAll(async () => {
    stack = await startTestStack();
    // changhai's principal leader address is refused by the mail server: its targets notice fails.
    stack.inbox.rejectRecipient('leader@changhai.union.example.org');
    await publishDemoCycle(stack, YEAR);
    office = await signIn(stack.app, 'office1');
    units = await stack.db.unit.findMany({ select: { id: true, code: true } });
    await stack.inbox.waitFor(13, 30_000);
    const cycle = await stack.db.cycle.findUniqueOrThrow({ where: { year: YEAR } });
    for (let wait = 0; wait < 300; wait++) {
      const failed = await stack.db.notification.count({ where: { cycleId: cycle.id, status: 'FAILED' } });
      if (failed === 1 && cycle.stage !== 'TARGET_SETTING') break;
      await sleep(100);
    }
  });
  afterAll(async () => {
    await stack?.teardown();
  });

  test('dashboard: the stage timeline and, per round, who is ON_TIME, LATE or MISSING', async () => {
    const cycle = await stack.db.cycle.findUniqueOrThrow({ where: { year: YEAR } });
    const handle = stack.env.client.workflow.getHandle(cycle.workflowId);
    for (let wait = 0; (await handle.query(cycleStatusQuery)).stage !== 'CHECKPOINTS' && wait < 300; wait++)
      await sleep(100);
    const round = (await handle.query(cycleStatusQuery)).rounds[0];
    const checkpoints = await stack.db.checkpoint.findMany({
      where: { id: { in: round.checkpointIds } },
      include: { indicator: { include: { notUndertaken: true } } },
    });
    const who = await actors(stack.db);
    const submit = async (code: string) => {
      for (const checkpoint of checkpoints) {
        if (checkpoint.indicator.notUndertaken.some((row) => row.unitId === unitId(code))) continue;
        await stack.actions.submitCheckpoint(cycle, {
          actor: who.unitActor(code),
          unitId: unitId(code),
          checkpointId: checkpoint.id,
          text: `${code} 节点完成情况`,
        });
      }
    };

    const open = await office.get(`/api/cycles/${YEAR}/dashboard`);
    expect(open.status).toBe(200);
    expect(open.body.cycle.stage).toBe('CHECKPOINTS');
    expect(open.body.timeline.map((entry: { stage: string }) => entry.stage)).toEqual([
      'TARGET_SETTING',
      'CHECKPOINTS',
      'SELF_CHECK',
      'VERIFICATION',
      'EVALUATION',
      'SCORING',
      'APPROVAL',
      'NOTIFICATION',
      'FOLLOW_UP',
      'CLOSED',
    ]);
    expect(open.body.timeline.find((entry: { current: boolean }) => entry.current).stage).toBe('CHECKPOINTS');
    expect(open.body.timeline[0].enteredAt).not.toBeNull();
    expect(open.body.checkpointRounds).toHaveLength(2);
    expect(open.body.checkpointRounds[0].closed).toBe(false);
    expect(open.body.checkpointRounds[0].counts.PENDING).toBe(14);

    for (const code of ['zhongshan', 'xigang', 'jinpu']) await submit(code);
    // The round's due date passes (Temporal time skips to it): the workflow closes the round.
    await stack.env.sleep(Date.parse(round.dueAt) - (await stack.env.currentTimeMs()) + 1000);
    for (
      let wait = 0;
      (await stack.db.checkpoint.count({ where: { id: { in: round.checkpointIds }, closedAt: null } })) > 0 &&
      wait < 300;
      wait++
    )
      await sleep(100);
    await submit('shahekou'); // after the close: kept and flagged late (SPEC §2.2)

    const closed = await office.get(`/api/cycles/${YEAR}/dashboard`);
    const first = closed.body.checkpointRounds[0];
    expect(first.closed).toBe(true);
    const statusOf = (code: string) =>
      first.units.find((unit: { unitCode: string }) => unit.unitCode === code).status;
    expect(statusOf('zhongshan')).toBe('ON_TIME');
    expect(statusOf('jinpu')).toBe('ON_TIME');
    expect(statusOf('shahekou')).toBe('LATE');
    expect(statusOf('changhai')).toBe('MISSING');
    expect(first.counts).toMatchObject({ ON_TIME: 3, LATE: 1, MISSING: 10, PENDING: 0 });
    expect(closed.body.checkpointRounds[1].counts.PENDING).toBe(14);
    expect(closed.body.notifications.byEvent.TARGETS_PUBLISHED).toMatchObject({ SENT: 13, FAILED: 1 });

    // A unit sees its own row; a department sees all units but not the notices figures.
    const unit = await signIn(stack.app, 'unit-shahekou');
    const own = await unit.get(`/api/cycles/${YEAR}/dashboard`);
    expect(own.body.checkpointRounds[0].units).toEqual([
      expect.objectContaining({ unitCode: 'shahekou', status: 'LATE' }),
    ]);
    expect(own.body.notifications).toBeNull();
    const department = await signIn(stack.app, 'dept-legal');
    const theirs = await department.get(`/api/cycles/${YEAR}/dashboard`);
    expect(theirs.body.checkpointRounds[0].units).toHaveLength(14);
    expect(theirs.body.notifications).toBeNull();
    expect((await office.get('/api/cycles/1999/dashboard')).status).toBe(400);
    expect((await office.get('/api/cycles/2099/dashboard')).status).toBe(404);
  });

  test('notices log: filter and page; the office resends a refused notice to a corrected address, once', async () => {
    const all = await office.get(`/api/cycles/${YEAR}/notifications?pageSize=5`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(14);
    expect(all.body.notifications).toHaveLength(5);
    expect(all.body.notifications[0]).not.toHaveProperty('html');
    const page2 = await office.get(`/api/cycles/${YEAR}/notifications?pageSize=5&page=2`);
    const ids = new Set(
      [...all.body.notifications, ...page2.body.notifications].map((row: { id: string }) => row.id),
    );
    expect(ids.size).toBe(10);

    // The round's reminder to changhai failed too (the dashboard test let the round fall due).
    const failed = await office.get(
      `/api/cycles/${YEAR}/notifications?status=FAILED&event=TARGETS_PUBLISHED`,
    );
    expect(failed.body.notifications).toHaveLength(1);
    const notice = failed.body.notifications[0];
    expect(notice).toMatchObject({
      unitId: unitId('changhai'),
      recipientEmail: 'leader@changhai.union.example.org',
      status: 'FAILED',
      event: 'TARGETS_PUBLISHED',
    });
    expect(notice.lastError).toMatch(/refused/);

    const invalid = await office.post(`/api/notifications/${notice.id}/resend`, {
      recipientEmail: 'not-an-address',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields).toHaveProperty('recipientEmail');

    const resent = await office.post(`/api/notifications/${notice.id}/resend`, {
      recipientEmail: 'zhuxi@changhai.union.example.org',
    });
    expect(resent.status).toBe(202);
    expect(resent.body.notification).toMatchObject({
      status: 'SENT',
      recipientEmail: 'zhuxi@changhai.union.example.org',
    });
    // Other notices (e.g. overdue checkpoints) may be travelling too: look for this one.
    const toCorrected = () =>
      stack.inbox.messages.filter((message) => message.to.includes('zhuxi@changhai.union.example.org'));
    for (let wait = 0; toCorrected().length === 0 && wait < 100; wait++) await sleep(100);
    expect(toCorrected()).toHaveLength(1);
    expect(toCorrected()[0].subject).toContain(String(YEAR));

    const again = await office.post(`/api/notifications/${notice.id}/resend`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('NOT_FAILED');
    const audit = await stack.db.auditLog.findMany({
      where: { action: 'notification.resend', targetId: notice.id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0].before).toMatchObject({
      status: 'FAILED',
      recipientEmail: 'leader@changhai.union.example.org',
    });
    expect(audit[0].after).toMatchObject({ recipientEmail: 'zhuxi@changhai.union.example.org' });
    expect(
      (await office.post('/api/notifications/00000000-0000-4000-8000-000000000000/resend', {})).status,
    ).toBe(404);
  });

  test('contacts: validated, updated by the office with before/after in the audit log', async () => {
    const bad = await office.put(`/api/units/${unitId('jinpu')}/contacts`, {
      principalLeaderName: '',
      principalLeaderEmail: 'nope',
      partyCommitteeName: '区委',
      partyCommitteeEmail: 'pc@example.org',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual([
      'principalLeaderEmail',
      'principalLeaderName',
    ]);
    const body = {
      principalLeaderName: '王主席',
      principalLeaderEmail: 'wang@jinpu.union.example.org',
      partyCommitteeName: '中共金普新区工委',
      partyCommitteeEmail: 'gongwei@jinpu.gov.example.org',
    };
    const ok = await office.put(`/api/units/${unitId('jinpu')}/contacts`, body);
    expect(ok.status).toBe(200);
    expect(ok.body.unit).toMatchObject(body);
    const audit = await stack.db.auditLog.findFirstOrThrow({
      where: { action: 'unit.contacts.update', targetId: unitId('jinpu') },
    });
    expect(audit.before).toMatchObject({ principalLeaderEmail: 'leader@jinpu.union.example.org' });
    expect(audit.after).toEqual(body);
    expect(audit.actorId).toBe(office.userId);
    expect((await office.put('/api/units/00000000-0000-4000-8000-000000000000/contacts', body)).status).toBe(
      404,
    );
    const categories = await office.get('/api/categories');
    expect(categories.body.categories.map((category: { units: unknown[] }) => category.units.length)).toEqual(
      [5, 4, 5],
    );
    expect((await office.get('/api/departments')).body.departments.length).toBe(11);
  });

  test('audit search: filters by action prefix, outcome, actor, time and cycle; pages newest first', async () => {
    const admin = await signIn(stack.app, 'admin');
    const unit = await signIn(stack.app, 'unit-xigang');
    expect((await unit.get('/api/audit')).status).toBe(403); // itself audited as DENIED
    const denied = await admin.get(`/api/audit?outcome=DENIED&actorId=${unit.userId}`);
    expect(denied.status).toBe(200);
    expect(denied.body.entries).toEqual([
      expect.objectContaining({
        outcome: 'DENIED',
        actorRole: 'UNIT',
        actorName: expect.any(String),
        action: expect.stringMatching(/^denied:GET/),
      }),
    ]);

    const logins = await admin.get('/api/audit?action=auth.login&pageSize=3');
    expect(logins.body.entries).toHaveLength(3);
    expect(logins.body.total).toBeGreaterThan(3);
    const times = logins.body.entries.map((entry: { at: string }) => entry.at);
    expect([...times].sort().reverse()).toEqual(times);
    const next = await admin.get('/api/audit?action=auth.login&pageSize=3&page=2');
    expect(next.body.entries.map((entry: { id: string }) => entry.id)).not.toContain(
      logins.body.entries[0].id,
    );

    const prefix = await office.get('/api/audit?action=auth.');
    expect(
      new Set(prefix.body.entries.map((entry: { action: string }) => entry.action.split('.')[0])),
    ).toEqual(new Set(['auth']));
    const future = await office.get(
      // Past the Temporal time the dashboard test skipped to (the round's due date, a month ahead).
      `/api/audit?from=${encodeURIComponent(new Date(Date.now() + 400 * 24 * 3_600_000).toISOString())}`,
    );
    expect(future.body).toMatchObject({ entries: [], total: 0 });
    const inCycle = await office.get(`/api/audit?cycleYear=${YEAR}&action=notification.resend`);
    expect(inCycle.body.total).toBe(1);
    const reversed = await office.get(`/api/audit?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z`);
    expect(reversed.status).toBe(400);
    const wrong = await office.get('/api/audit?outcome=MAYBE&page=0');
    expect(wrong.status).toBe(400);
    expect(Object.keys(wrong.body.error.fields).sort()).toEqual(['outcome', 'page']);
  });
});
