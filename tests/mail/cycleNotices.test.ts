// Every email the annual cycle owes (issue 6), event by event, against real PostgreSQL and a real SMTP
// server: who receives it, how many, the subject and the key content (totals, ranks, deadlines in
// Chinese date format), decoded from what actually travelled. activities/notices/ drafts each event.
import { committeeEmail, startNoticeHarness, unitEmail, type NoticeHarness } from './fixtures/noticeHarness';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { minimalPdf } from '../support/evidenceFixtures';
import { ATTACHMENT_CAP_BYTES } from '../../mail/noticeAttachments';
import { createResults, DOC_NUMBER, TOTALS } from './fixtures/noticeCycle';
import { validateRecipients } from '../../mail/recipientCheck';
import federation from '../../runtime/seed/federation.json';

const ALL_UNITS = federation.units.map((unit) => unit.code);
const everyUnit = () => ALL_UNITS.map(unitEmail).sort();
const PARTY_GROUP = [
  'leader@kaohe.example.org',
  'member1@kaohe.example.org',
  'member2@kaohe.example.org',
  'member3@kaohe.example.org',
  'member4@kaohe.example.org',
];
const OFFICE = ['office1@kaohe.example.org', 'office2@kaohe.example.org', 'office3@kaohe.example.org'];
// Member departments that rank (Art. 13, 22); 组织建设部 sits in the office and does not.
const RANKING_DEPARTMENTS = federation.departments
  .filter((department) => department.code !== 'organization')
  .map((department) => `${department.code}@kaohe.example.org`);

let h: NoticeHarness;
let ranks: Record<string, number>;

beforeAll(async () => {
  h = await startNoticeHarness();
  // Two people read English (User.locale): a unit's principal leader and a party-group member.
  await h.db.user.update({ where: { username: 'unit-xigang' }, data: { locale: 'en' } });
  await h.db.user.update({ where: { username: 'member2' }, data: { locale: 'en' } });
  ranks = await createResults(h.db, h.cycle);
});

afterAll(async () => {
  await h.stop();
});

beforeEach(async () => {
  h.inbox.setDown(false);
  h.inbox.clear();
});

const userId = async (username: string) => (await h.db.user.findUniqueOrThrow({ where: { username } })).id;

describe('targets published (Art. 8, 12)', () => {
  it('sends each unit its own target list once, in its principal leader’s language', async () => {
    expect(await h.send('TARGETS_PUBLISHED')).toEqual({ queued: 14, sent: 14 });
    expect(h.recipients()).toEqual(everyUnit());

    const zhongshan = h.messageTo(unitEmail('zhongshan'));
    expect(zhongshan.subject).toBe('关于下达2026年度工作实绩考核指标的通知（中山区总工会）');
    expect(zhongshan.text).toContain('你单位不承担以下指标：K2 农民工等新就业形态劳动者入会。');
    expect(zhongshan.text).toContain('深化产业工人队伍建设改革');
    expect(zhongshan.text).toContain('2026年6月30日');
    expect(zhongshan.text).toContain(DOC_NUMBER);
    expect(zhongshan.text).toContain('https://kaohe.example.org/my/targets');
    // Art. 12: K2's 40 spread evenly over the other three: 40 + 40/3.
    expect(zhongshan.text).toContain('53.3333');
    // The subject travelled encoded and decodes intact.
    expect(zhongshan.raw).toMatch(/^Subject: =\?UTF-8\?/m);

    const pulandian = h.messageTo(unitEmail('pulandian'));
    expect(pulandian.text).toContain('农民工等新就业形态劳动者入会（三季度节点）');
    expect(pulandian.text).not.toContain('你单位不承担');

    expect(h.messageTo(unitEmail('xigang')).subject).toBe('Assessment targets for 2026 (西岗区总工会)');

    const row = await h.db.notification.findUniqueOrThrow({
      where: { idempotencyKey: `${h.cycle.cycleId}:TARGETS_PUBLISHED:${unitEmail('zhongshan')}` },
    });
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, locale: 'zh-CN' });

    h.inbox.clear();
    expect(await h.send('TARGETS_PUBLISHED')).toEqual({ queued: 14, sent: 0 });
    expect(h.inbox.messages).toHaveLength(0);
  });
});

describe('checkpoint rounds (Art. 8)', () => {
  const submit = async (unit: string, checkpointCode: string, late = false) => {
    const checkpoint = await h.db.checkpoint.findFirstOrThrow({
      where: { cycleId: h.cycle.cycleId, code: checkpointCode },
    });
    await h.db.checkpointSubmission.create({
      data: {
        checkpointId: checkpoint.id,
        unitId: h.cycle.unitId(unit),
        text: '已完成',
        submittedAt: new Date(),
        late,
      },
    });
  };
  const round1 = () => ({ roundKey: '2026-06-30', checkpointIds: h.cycle.checkpointIds('R1') });

  it('reminds, then declares overdue, only the units still owing evidence, listing what they owe', async () => {
    for (const unit of ALL_UNITS) {
      if (unit === 'shahekou') continue; // nothing yet
      await submit(unit, 'K1-R1');
      if (!['zhongshan', 'xigang', 'changhai'].includes(unit)) await submit(unit, 'K2-R1'); // Art. 12
    }
    expect(await h.send('CHECKPOINT_REMINDER', round1())).toEqual({ queued: 2, sent: 2 });
    expect(h.recipients()).toEqual([unitEmail('changhai'), unitEmail('shahekou')].sort());
    const shahekou = h.messageTo(unitEmail('shahekou'));
    expect(shahekou.subject).toBe('考核节点提醒：请于2026年6月30日前上传证明材料（沙河口区总工会）');
    expect(shahekou.text).toContain('K1-R1');
    expect(shahekou.text).toContain('K2-R1');
    const changhai = h.messageTo(unitEmail('changhai'));
    expect(changhai.text).toContain('K2-R1');
    expect(changhai.text).not.toContain('K1-R1');

    // Shahekou catches up before the due date; changhai does not.
    await submit('shahekou', 'K1-R1');
    await submit('shahekou', 'K2-R1');
    h.inbox.clear();
    expect(await h.send('CHECKPOINT_OVERDUE', round1(), '2026-06-30T16:00:00.000Z')).toEqual({
      queued: 1,
      sent: 1,
    });
    expect(h.messageTo(unitEmail('changhai')).subject).toBe(
      '考核节点逾期通知：长海县总工会未按期提交2026年6月30日到期的证明材料',
    );

    // The same reminder again (a replayed workflow, a retried activity): nothing new.
    h.inbox.clear();
    await h.send('CHECKPOINT_REMINDER', round1());
    await h.send('CHECKPOINT_OVERDUE', round1(), '2026-06-30T16:00:00.000Z');
    expect(h.inbox.messages).toHaveLength(0);
  });

  it('keys each round separately: round 2 reminds every unit of its own checkpoints', async () => {
    const sent = await h.send(
      'CHECKPOINT_REMINDER',
      { roundKey: '2026-09-30', checkpointIds: h.cycle.checkpointIds('R2') },
      '2026-09-27T01:00:00.000Z',
    );
    expect(sent).toEqual({ queued: 14, sent: 14 });
    const zhongshan = h.messageTo(unitEmail('zhongshan'));
    expect(zhongshan.subject).toContain('2026年9月30日');
    expect(zhongshan.text).toContain('K1-R2');
    expect(zhongshan.text).not.toContain('K2-R2');
    expect(h.messageTo(unitEmail('jinpu')).text).toContain('K2-R2');
  });
});

describe('self-check (Art. 8)', () => {
  it('opens for every unit and, before closing, reminds only units with indicators unchecked', async () => {
    expect(await h.send('SELF_CHECK_OPENED', {}, '2026-11-01T01:00:00.000Z')).toEqual({
      queued: 14,
      sent: 14,
    });
    expect(h.recipients()).toEqual(everyUnit());
    expect(h.messageTo(unitEmail('pulandian')).subject).toBe(
      '关于开展2026年度工作实绩考核年终自查的通知（2026年11月30日截止）',
    );

    const indicators = await h.db.indicator.findMany({
      where: { cycleId: h.cycle.cycleId },
      include: { notUndertaken: true },
    });
    for (const unit of ALL_UNITS) {
      if (unit === 'huayuankou') continue;
      for (const indicator of indicators) {
        if (indicator.notUndertaken.some((row) => row.unitId === h.cycle.unitId(unit))) continue;
        if (unit === 'jinpu' && indicator.code === 'M1') continue;
        await h.db.selfCheck.create({
          data: {
            cycleId: h.cycle.cycleId,
            indicatorId: indicator.id,
            unitId: h.cycle.unitId(unit),
            selfFraction: 0.95,
            submittedAt: new Date(),
          },
        });
      }
    }
    h.inbox.clear();
    expect(await h.send('SELF_CHECK_CLOSING', {}, '2026-11-27T01:00:00.000Z')).toEqual({
      queued: 2,
      sent: 2,
    });
    expect(h.recipients()).toEqual([unitEmail('huayuankou'), unitEmail('jinpu')].sort());
    const jinpu = h.messageTo(unitEmail('jinpu'));
    expect(jinpu.subject).toBe('年终自查即将截止：请于2026年11月30日前提交（金普新区总工会）');
    expect(jinpu.text).toContain('M1');
    expect(jinpu.text).not.toContain('K1');
  });
});

describe('ranking requests (Art. 9, 13)', () => {
  it('asks every party-group member and ranking department, then chases only what is missing', async () => {
    expect(await h.send('RANKING_REQUEST', { reminder: 0 }, '2026-12-10T01:00:00.000Z')).toEqual({
      queued: 15,
      sent: 15,
    });
    expect(h.recipients()).toEqual([...PARTY_GROUP, ...RANKING_DEPARTMENTS].sort());
    const leader = h.messageTo('leader@kaohe.example.org');
    expect(leader.subject).toBe('请对各区市县（开放先导区）总工会进行2026年度综合评价排序');
    expect(leader.text).toContain('2026年12月20日');
    expect(leader.text).toContain('城区（5个单位）');
    expect(leader.text).toContain('开放先导区（5个单位）');
    expect(h.recipients()).not.toContain('organization@kaohe.example.org');

    // Everybody ranked every category except member2 (nothing) and 研究室 (not the pilot zones).
    const categories = await h.db.category.findMany();
    const departments = await h.db.department.findMany();
    const leaders = await h.db.user.findMany({ where: { role: { in: ['LEADER', 'PARTY_MEMBER'] } } });
    for (const category of categories) {
      for (const member of leaders) {
        if (member.username === 'member2') continue;
        await h.db.ranking.create({
          data: {
            cycleId: h.cycle.cycleId,
            kind: 'LEADER',
            evaluatorKey: member.id,
            categoryId: category.id,
            unitOrder: [],
            submittedById: member.id,
            submittedAt: new Date(),
          },
        });
      }
      for (const department of departments) {
        if (department.code === 'research' && category.code === 'PILOT') continue;
        await h.db.ranking.create({
          data: {
            cycleId: h.cycle.cycleId,
            kind: 'DEPARTMENT',
            evaluatorKey: department.id,
            categoryId: category.id,
            unitOrder: [],
            submittedById: department.id,
            submittedAt: new Date(),
          },
        });
      }
    }
    h.inbox.clear();
    expect(await h.send('RANKING_REQUEST', { reminder: 1 }, '2026-12-27T01:00:00.000Z')).toEqual({
      queued: 2,
      sent: 2,
    });
    expect(h.recipients()).toEqual(['member2@kaohe.example.org', 'research@kaohe.example.org']);
    const research = h.messageTo('research@kaohe.example.org');
    expect(research.subject).toBe('【第1次催办】请对各区市县（开放先导区）总工会进行2026年度综合评价排序');
    expect(research.text).toContain('开放先导区（5个单位）');
    expect(research.text).not.toContain('城区（5个单位）');
    expect(h.messageTo('member2@kaohe.example.org').subject).toBe(
      '[Reminder 1] Please rank the district unions for 2026',
    );
  });
});

describe('approval (Art. 18)', () => {
  const openRound = async (number: number) => {
    const results = await h.db.unitResult.findMany({ where: { cycleId: h.cycle.cycleId } });
    return h.db.approvalRound.create({
      data: {
        cycleId: h.cycle.cycleId,
        number,
        snapshot: { results: results.map((row) => ({ unitId: row.unitId, finalGrade: row.finalGrade })) },
        snapshotHash: `hash-${number}`,
        submittedById: await userId('office1'),
        submittedAt: new Date(),
      },
    });
  };

  it('asks every party-group member per round with a link to the results, and tells the office the outcome', async () => {
    const round1 = await openRound(1);
    expect(await h.send('APPROVAL_REQUEST', { round: 1 }, '2027-01-08T01:00:00.000Z')).toEqual({
      queued: 5,
      sent: 5,
    });
    expect(h.recipients()).toEqual(PARTY_GROUP);
    const leader = h.messageTo('leader@kaohe.example.org');
    expect(leader.subject).toBe('提请审定2026年度工作实绩考核结果（第1轮）');
    expect(leader.text).toContain('https://kaohe.example.org/approval?round=1');
    expect(leader.text).toContain('参评单位14个：好3个，较好5个，合格5个，不合格1个。');

    const vote = async (username: string, decision: 'APPROVE' | 'REJECT', comment = '') =>
      h.db.approvalVote.create({
        data: { roundId: round1.id, voterId: await userId(username), decision, comment, votedAt: new Date() },
      });
    await vote('leader', 'REJECT', '沙河口区降档依据需补充核查材料。');
    await vote('member1', 'APPROVE');
    await vote('member3', 'APPROVE');
    await h.db.approvalRound.update({
      where: { id: round1.id },
      data: { status: 'REJECTED', decidedAt: new Date() },
    });
    h.inbox.clear();
    expect(await h.send('APPROVAL_OUTCOME', { round: 1 }, '2027-01-12T08:00:00.000Z')).toEqual({
      queued: 3,
      sent: 3,
    });
    expect(h.recipients()).toEqual(OFFICE);
    const outcome = h.messageTo('office1@kaohe.example.org');
    expect(outcome.subject).toBe('2026年度考核结果第1轮审定结果：退回修改');
    expect(outcome.text).toContain('沙河口区降档依据需补充核查材料。');

    // Round 2 is a new request to the same people; round 1 again is nothing new.
    await openRound(2);
    h.inbox.clear();
    await h.send('APPROVAL_REQUEST', { round: 1 }, '2027-01-08T01:00:00.000Z');
    expect(h.inbox.messages).toHaveLength(0);
    expect(await h.send('APPROVAL_REQUEST', { round: 2 }, '2027-01-14T01:00:00.000Z')).toEqual({
      queued: 5,
      sent: 5,
    });
    expect(h.messageTo('member2@kaohe.example.org').text).toContain('round=2');
  });
});

describe('result notice (Art. 18)', () => {
  it('sends each unit its breakdown, total, grade, rank and category table, and its party committee the same', async () => {
    expect(await h.send('RESULT_NOTICE', {}, '2027-01-18T01:00:00.000Z')).toEqual({ queued: 28, sent: 28 });
    expect(h.recipients()).toEqual([...everyUnit(), ...ALL_UNITS.map(committeeEmail)].sort());

    const zhongshan = h.messageTo(unitEmail('zhongshan'));
    expect(zhongshan.subject).toBe('关于2026年度工作实绩考核结果的通报（中山区总工会）');
    expect(zhongshan.text).toContain('总分93.46分，考核等次为“好”，在城区5个单位中排名第1名。');
    expect(zhongshan.text).toContain('▶ 第1名  中山区总工会  93.46分  好');
    expect(zhongshan.text).toContain('第5名  旅顺口区总工会  70.00分  合格');
    expect(zhongshan.text).toContain('K1 深化产业工人队伍建设改革');
    expect(zhongshan.text).toContain('https://kaohe.example.org/my/results');
    expect(zhongshan.html).toContain('93.46');

    const committee = h.messageTo(committeeEmail('changhai'));
    expect(committee.subject).toBe('关于长海县总工会2026年度工作实绩考核结果的通报');
    expect(committee.text).toContain('中共长海县委员会');
    expect(committee.text).toContain('总分54.50分，考核等次为“不合格”，在县域4个单位中排名第4名。');
    expect(committee.text).not.toContain('https://kaohe.example.org'); // no login (SPEC §1)

    // Equal totals share a rank (SPEC §4).
    expect(ranks.baoshuiqu).toBe(2);
    expect(h.messageTo(unitEmail('gaoxinqu')).text).toContain(`总分${TOTALS.gaoxinqu.toFixed(2)}分`);
    expect(h.messageTo(unitEmail('gaoxinqu')).text).toContain('排名第2名');
    expect(h.messageTo(unitEmail('xigang')).subject).toBe('2026 assessment result (西岗区总工会)');
  });
});

describe('incentives (Art. 20)', () => {
  it('tells each GOOD unit its recognition, with the reward amount where there is one', async () => {
    await h.db.incentive.create({
      data: {
        cycleId: h.cycle.cycleId,
        unitId: h.cycle.unitId('zhongshan'),
        kind: 'RECOGNITION_AND_REWARD',
        amount: 50000,
      },
    });
    for (const unit of ['pulandian', 'jinpu']) {
      await h.db.incentive.create({
        data: { cycleId: h.cycle.cycleId, unitId: h.cycle.unitId(unit), kind: 'RECOGNITION' },
      });
    }
    expect(await h.send('INCENTIVE_NOTICE', {}, '2027-01-25T01:00:00.000Z')).toEqual({ queued: 3, sent: 3 });
    expect(h.recipients()).toEqual(['jinpu', 'pulandian', 'zhongshan'].map(unitEmail).sort());
    const zhongshan = h.messageTo(unitEmail('zhongshan'));
    expect(zhongshan.subject).toBe('关于对中山区总工会2026年度工作实绩考核“好”等次予以激励的通知');
    expect(zhongshan.text).toContain('50,000.00');
    expect(h.messageTo(unitEmail('jinpu')).text).not.toContain('50,000.00');
  });
});

describe('failing unit: criticism and written explanation (Art. 21)', () => {
  const params = () => ({ unitId: h.cycle.unitId('changhai') });

  it('criticises the unit to it and its party committee, reminds, escalates weekly, returns and accepts', async () => {
    await h.db.explanation.create({
      data: {
        cycleId: h.cycle.cycleId,
        unitId: h.cycle.unitId('changhai'),
        dueAt: new Date('2027-02-04T09:00:00.000Z'),
      },
    });
    expect(await h.send('CRITICISM_NOTICE', params(), '2027-01-20T01:00:00.000Z')).toEqual({
      queued: 2,
      sent: 2,
    });
    expect(h.recipients()).toEqual([committeeEmail('changhai'), unitEmail('changhai')].sort());
    for (const address of [committeeEmail('changhai'), unitEmail('changhai')]) {
      const message = h.messageTo(address);
      expect(message.subject).toBe('关于对长海县总工会2026年度工作实绩考核不合格的通报批评');
      expect(message.text).toContain('54.50');
      expect(message.text).toContain('2027年2月4日');
    }

    h.inbox.clear();
    await h.send(
      'EXPLANATION_REMINDER',
      { ...params(), daysBefore: 3, revision: 0 },
      '2027-02-01T09:00:00.000Z',
    );
    await h.send(
      'EXPLANATION_REMINDER',
      { ...params(), daysBefore: 1, revision: 0 },
      '2027-02-03T09:00:00.000Z',
    );
    await h.send(
      'EXPLANATION_REMINDER',
      { ...params(), daysBefore: 3, revision: 0 },
      '2027-02-01T09:00:00.000Z',
    );
    expect(h.recipients()).toEqual([unitEmail('changhai'), unitEmail('changhai')]);
    expect(h.inbox.messages[0].subject).toBe('书面说明提交提醒：请于2027年2月4日前提交（长海县总工会）');

    h.inbox.clear();
    const leadership = [...PARTY_GROUP, ...OFFICE].sort();
    expect(
      await h.send(
        'EXPLANATION_OVERDUE_ESCALATION',
        { ...params(), escalation: 1 },
        '2027-02-07T09:00:00.000Z',
      ),
    ).toEqual({
      queued: 8,
      sent: 8,
    });
    expect(h.recipients()).toEqual(leadership);
    expect(h.messageTo('leader@kaohe.example.org').subject).toBe(
      '书面说明逾期：长海县总工会未按期提交（已逾期3天）',
    );
    h.inbox.clear();
    await h.send(
      'EXPLANATION_OVERDUE_ESCALATION',
      { ...params(), escalation: 1 },
      '2027-02-07T09:00:00.000Z',
    );
    expect(h.inbox.messages).toHaveLength(0); // a retry of #1
    await h.send(
      'EXPLANATION_OVERDUE_ESCALATION',
      { ...params(), escalation: 2 },
      '2027-02-14T09:00:00.000Z',
    );
    expect(h.recipients()).toEqual(leadership); // #2 is a new email
    expect(h.messageTo('office2@kaohe.example.org').subject).toContain('已逾期10天');
    expect(h.messageTo('office2@kaohe.example.org').text).toContain('第2次报告');

    // Submitted, then returned with a new deadline, then accepted.
    await h.db.explanation.update({
      where: { cycleId_unitId: { cycleId: h.cycle.cycleId, unitId: h.cycle.unitId('changhai') } },
      data: {
        status: 'RETURNED',
        revision: 1,
        reviewComment: '请补充问题原因分析和整改措施。',
        dueAt: new Date('2027-03-03T09:00:00.000Z'),
      },
    });
    h.inbox.clear();
    await h.send('EXPLANATION_RETURNED', { ...params(), revision: 1 }, '2027-02-16T09:00:00.000Z');
    const returned = h.messageTo(unitEmail('changhai'));
    expect(returned.subject).toBe('长海县总工会考核不合格书面说明退回修改（请于2027年3月3日前重新提交）');
    expect(returned.text).toContain('请补充问题原因分析和整改措施。');

    await h.db.explanation.update({
      where: { cycleId_unitId: { cycleId: h.cycle.cycleId, unitId: h.cycle.unitId('changhai') } },
      data: { status: 'ACCEPTED', revision: 2, reviewComment: '整改措施具体可行，请抓好落实。' },
    });
    h.inbox.clear();
    await h.send('EXPLANATION_ACCEPTED', { ...params(), revision: 2 }, '2027-02-20T09:00:00.000Z');
    await h.send('EXPLANATION_ACCEPTED', { ...params(), revision: 2 }, '2027-02-20T09:00:00.000Z');
    const accepted = h.messageTo(unitEmail('changhai'));
    expect(accepted.subject).toBe('长海县总工会考核不合格书面说明已审核通过');
    expect(accepted.text).toContain('整改措施具体可行，请抓好落实。');
  });

  it('forwards the accepted explanation, its text and its files, to the party committee exactly once', async () => {
    const explanation = await h.db.explanation.update({
      where: { cycleId_unitId: { cycleId: h.cycle.cycleId, unitId: h.cycle.unitId('changhai') } },
      data: {
        status: 'ACCEPTED',
        revision: 3,
        content: '关于年度考核不合格的书面说明\n一、原因：重点任务推进滞后。\n二、整改：按月调度，限期完成。',
        submittedAt: new Date('2027-02-18T07:30:00.000Z'),
        reviewComment: '',
      },
    });
    // Issue 12: the files travel with the email, read from stored evidence; one beyond the size cap is
    // listed but not attached (the committee has no login, so no link either).
    const pdf = minimalPdf();
    fs.mkdirSync(path.join(h.evidenceDir, 'changhai'), { recursive: true });
    fs.writeFileSync(path.join(h.evidenceDir, 'changhai', 'zhenggai.pdf'), pdf);
    const pdfSha = createHash('sha256').update(pdf).digest('hex');
    await h.db.evidenceFile.create({
      data: {
        cycleId: h.cycle.cycleId,
        unitId: h.cycle.unitId('changhai'),
        explanationId: explanation.id,
        originalName: '整改措施.pdf',
        mimeType: 'application/pdf',
        sizeBytes: pdf.length,
        sha256: pdfSha,
        storagePath: 'changhai/zhenggai.pdf',
        uploadedAt: new Date('2027-02-18T07:00:00.000Z'),
      },
    });
    await h.db.evidenceFile.create({
      data: {
        cycleId: h.cycle.cycleId,
        unitId: h.cycle.unitId('changhai'),
        explanationId: explanation.id,
        originalName: '整改台账.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        sizeBytes: ATTACHMENT_CAP_BYTES,
        sha256: 'cd'.repeat(32),
        storagePath: 'changhai/taizhang.xlsx',
        uploadedAt: new Date('2027-02-18T07:10:00.000Z'),
      },
    });
    h.inbox.clear();
    // The workflow sends EXPLANATION_ACCEPTED on acceptance; a retry of it sends nothing again.
    expect(
      await h.send('EXPLANATION_ACCEPTED', { ...params(), revision: 3 }, '2027-02-20T09:00:00.000Z'),
    ).toEqual({
      queued: 2,
      sent: 2,
    });
    expect(
      await h.send('EXPLANATION_ACCEPTED', { ...params(), revision: 3 }, '2027-02-20T09:00:00.000Z'),
    ).toEqual({
      queued: 2,
      sent: 0,
    });
    expect(h.recipients()).toEqual([committeeEmail('changhai'), unitEmail('changhai')].sort());
    const forwarded = h.messageTo(committeeEmail('changhai'));
    expect(forwarded.subject).toBe('长海县总工会关于2026年度工作实绩考核不合格的书面说明');
    expect(forwarded.text).toContain('二、整改：按月调度，限期完成。');
    expect(forwarded.text).toContain('第3稿，2027年2月18日提交');
    expect(forwarded.text).toContain(
      `1. 整改措施.pdf（application/pdf，${pdf.length}字节，SHA-256：${pdfSha}）随函附送`,
    );
    expect(forwarded.text).toContain(`2. 整改台账.xlsx（`);
    expect(forwarded.text).toContain('超过邮件大小上限，未随函附送');
    // The bytes arrive through the real SMTP server exactly as stored: same SHA-256.
    expect(
      forwarded.attachments.map((file) => [
        file.filename,
        file.contentType,
        createHash('sha256').update(file.content).digest('hex'),
      ]),
    ).toEqual([['整改措施.pdf', 'application/pdf', pdfSha]]);
    expect(forwarded.text).toContain('第二十一条');
    expect(forwarded.text).not.toContain('http'); // the committee has no login (SPEC §1)
    // The notices log (Notification) shows it under its own event, in the committee's locale.
    const rows = await h.db.notification.findMany({
      where: { cycleId: h.cycle.cycleId, event: 'EXPLANATION_FORWARDED' },
    });
    expect(rows.map((row) => [row.recipientEmail, row.status, row.locale])).toEqual([
      [committeeEmail('changhai'), 'SENT', 'zh-CN'],
    ]);
  });
});

describe('feedback (Art. 19)', () => {
  it('sends the feedback, reminds weekly until confirmed, then tells the office', async () => {
    const unitId = h.cycle.unitId('zhongshan');
    await h.db.feedback.create({
      data: {
        cycleId: h.cycle.cycleId,
        unitId,
        content: '你单位重点工作任务完成扎实，建议进一步加强新就业形态劳动者入会工作。',
        recordedById: await userId('leader'),
        recordedAt: new Date('2027-01-22T01:00:00.000Z'),
      },
    });
    await h.send('FEEDBACK_REQUEST', { unitId }, '2027-01-22T01:00:00.000Z');
    const request = h.messageTo(unitEmail('zhongshan'));
    expect(request.subject).toBe('2026年度工作实绩考核结果反馈（中山区总工会），请确认传达');
    expect(request.text).toContain('建议进一步加强新就业形态劳动者入会工作。');

    h.inbox.clear();
    await h.send('FEEDBACK_REMINDER', { unitId, reminder: 1 }, '2027-01-29T01:00:00.000Z');
    await h.send('FEEDBACK_REMINDER', { unitId, reminder: 2 }, '2027-02-05T01:00:00.000Z');
    await h.send('FEEDBACK_REMINDER', { unitId, reminder: 1 }, '2027-01-29T01:00:00.000Z');
    expect(h.inbox.messages.map((message) => message.subject)).toEqual([
      '提醒：请确认已传达2026年度考核结果反馈（中山区总工会，第1次提醒）',
      '提醒：请确认已传达2026年度考核结果反馈（中山区总工会，第2次提醒）',
    ]);
    expect(h.inbox.messages[0].text).toContain('2027年1月22日');

    await h.db.feedback.update({
      where: { cycleId_unitId: { cycleId: h.cycle.cycleId, unitId } },
      data: {
        confirmedAt: new Date('2027-02-06T06:30:00.000Z'),
        confirmedById: await userId('unit-zhongshan'),
        confirmationNote: '已于2月6日召开全体干部职工会议传达。',
      },
    });
    h.inbox.clear();
    await h.send('FEEDBACK_CONFIRMED', { unitId }, '2027-02-06T06:30:00.000Z');
    await h.send('FEEDBACK_REMINDER', { unitId, reminder: 3 }, '2027-02-12T01:00:00.000Z'); // confirmed: none
    expect(h.recipients()).toEqual(OFFICE);
    const confirmed = h.messageTo('office1@kaohe.example.org');
    expect(confirmed.subject).toBe('中山区总工会已确认传达2026年度考核结果反馈');
    expect(confirmed.text).toContain('已于2月6日召开全体干部职工会议传达。');
    expect(confirmed.text).toContain('2027年2月6日');
  });
});

describe('addresses (issue 6: validated, flagged before publication)', () => {
  it('skips only a contact the recipient check flags as missing; an invalid one is FAILED for the office', async () => {
    await h.db.notification.deleteMany({ where: { event: { startsWith: 'RESULT_NOTICE' } } });
    await h.db.unit.update({ where: { code: 'huayuankou' }, data: { partyCommitteeEmail: null } });
    await h.db.unit.update({
      where: { code: 'changxingdao' },
      data: { principalLeaderEmail: 'leader at changxingdao' },
    });
    try {
      const flagged = validateRecipients(await h.db.unit.findMany({ orderBy: { code: 'asc' } }));
      expect(
        flagged.map((unit) => [
          unit.unitCode,
          unit.problems.map((problem) => `${problem.field}:${problem.issue}`),
        ]),
      ).toEqual([
        ['changxingdao', ['principalLeaderEmail:INVALID']],
        ['huayuankou', ['partyCommitteeEmail:MISSING']],
      ]);
      expect(await h.send('RESULT_NOTICE', {}, '2027-01-18T01:00:00.000Z')).toEqual({ queued: 27, sent: 26 });
      expect(h.inbox.messages).toHaveLength(26);
      expect(h.recipients()).not.toContain(committeeEmail('huayuankou'));
      const failed = await h.db.notification.findMany({ where: { status: 'FAILED' } });
      expect(failed.map((row) => [row.event, row.recipientEmail, row.lastError])).toEqual([
        [
          'RESULT_NOTICE_UNIT',
          'leader at changxingdao',
          'invalid recipient address: "leader at changxingdao"',
        ],
      ]);
    } finally {
      await h.db.unit.update({
        where: { code: 'huayuankou' },
        data: { partyCommitteeEmail: committeeEmail('huayuankou') },
      });
      await h.db.unit.update({
        where: { code: 'changxingdao' },
        data: { principalLeaderEmail: unitEmail('changxingdao') },
      });
    }
  });
  it('drafts a user without an address anyway: FAILED with the reason, for the office to correct and resend', async () => {
    await h.db.notification.deleteMany({ where: { event: 'APPROVAL_OUTCOME' } });
    await h.db.user.update({ where: { username: 'office3' }, data: { email: null } });
    try {
      expect(await h.send('APPROVAL_OUTCOME', { round: 1 }, '2027-01-12T08:00:00.000Z')).toEqual({
        queued: 3,
        sent: 2,
      });
      expect(h.recipients()).toEqual(['office1@kaohe.example.org', 'office2@kaohe.example.org']);
      const failed = await h.db.notification.findFirstOrThrow({
        where: { event: 'APPROVAL_OUTCOME', status: 'FAILED' },
      });
      expect(failed.idempotencyKey).toBe(`${h.cycle.cycleId}:APPROVAL_OUTCOME:user-office3:round-1`);
      expect(failed.lastError).toBe('invalid recipient address: ""');
    } finally {
      await h.db.user.update({
        where: { username: 'office3' },
        data: { email: 'office3@kaohe.example.org' },
      });
    }
  });
});
