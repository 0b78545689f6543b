// Stage-aware rules behind the screens (issue 13): what the stage advance would do or why it is not
// offered (domain/cycle/advancePreview.ts and the dialog's lines), where an approval round stands
// against the rule (domain/cycle/approvalTally.ts, "组长未表决，还需 3 票"), and a unit's result parts.
import { advancePreview, type AdvanceFacts } from '../../domain/cycle/advancePreview';
import { approvalTally } from '../../domain/cycle/approvalTally';
import { defaultApprovalRule } from '../../domain/cycle/approvalRule';
import { advanceBlocked, advanceConsequences, tallyLine } from '../../web/src/logic/stageConsequences';
import { breakdownParts, categorySize } from '../../web/src/logic/ownResult';
import { translate, type Locale, type MessageKey } from '../../web/src/i18n/messages';

const tr = (locale: Locale) => (key: MessageKey, params?: Record<string, string | number>) =>
  translate(locale, key, params);
const zh = tr('zh-CN');
const en = tr('en');

const facts = (overrides: Partial<AdvanceFacts>): AdvanceFacts => ({
  stage: 'CHECKPOINTS',
  published: true,
  rounds: [],
  unitCount: 14,
  selfCheckUnits: 0,
  verifiedUnits: 0,
  evaluationMinimumMet: false,
  evaluatorsMissing: [],
  endsAt: '2026-12-10T00:00:00.000Z',
  ...overrides,
});

describe('stage advance preview', () => {
  test('leaving the checkpoints closes every open round and names the units that have not submitted', () => {
    const preview = advancePreview(
      facts({
        rounds: [
          { key: '2026-06-30', dueAt: '2026-06-30T15:59:59.000Z', closed: true, pending: 0 },
          { key: '2026-12-08', dueAt: '2026-12-08T15:59:59.000Z', closed: false, pending: 14 },
        ],
      }),
    );
    expect(preview).toMatchObject({
      allowed: true,
      next: 'SELF_CHECK',
      closesRounds: [{ key: '2026-12-08', number: 2, pending: 14 }],
      unitsOutstanding: 14,
      notices: ['CHECKPOINT_OVERDUE', 'SELF_CHECK_OPENED'],
    });
    const lines = advanceConsequences(preview, zh, 'zh-CN');
    expect(lines[0]).toBe('第 2 轮节点（截止 2026年12月8日）立即关闭，14 个单位未提交，将记为未提交');
    expect(lines).toContain('发送通知：年终自查开始通知');
    expect(advanceConsequences(preview, en, 'en')[0]).toMatch(/closes now; 14 units have not submitted/);
  });

  test('with everyone in, no overdue notice is announced', () => {
    const preview = advancePreview(
      facts({ rounds: [{ key: 'R', dueAt: '2026-12-08T00:00:00.000Z', closed: false, pending: 0 }] }),
    );
    expect(preview.notices).toEqual(['SELF_CHECK_OPENED']);
  });

  test('the self-check and verification name how many units are outstanding', () => {
    const selfCheck = advancePreview(facts({ stage: 'SELF_CHECK', selfCheckUnits: 11 }));
    expect(advanceConsequences(selfCheck, zh, 'zh-CN')).toEqual([
      '年终自查提前结束：3 / 14 个单位尚未提交自查',
      '不发送通知',
    ]);
    const verification = advancePreview(facts({ stage: 'VERIFICATION', verifiedUnits: 14 }));
    expect(verification.unitsOutstanding).toBe(0);
    expect(verification.notices).toEqual(['RANKING_REQUEST']);
  });

  test('stages that end on their own are not offered, with the reason and the date', () => {
    const scoring = advancePreview(facts({ stage: 'SCORING', endsAt: null }));
    expect(scoring.allowed).toBe(false);
    expect(advanceBlocked(scoring, zh, 'zh-CN')).toBe('“计分”阶段按其条件自动结束，不能手动推进');
    const early = advancePreview(facts({ stage: 'TARGET_SETTING', published: false }));
    expect(early.reason).toBe('NOT_PUBLISHED');
    const evaluation = advancePreview(
      facts({
        stage: 'EVALUATION',
        evaluatorsMissing: ['李明', '法律部'],
        endsAt: '2026-12-20T02:00:00.000Z',
      }),
    );
    expect(evaluation.reason).toBe('MINIMUM_NOT_MET');
    expect(advanceBlocked(evaluation, zh, 'zh-CN')).toMatch(
      /尚未完成排序：李明、法律部；本阶段将于 2026年12月20日 自动结束$/,
    );
    expect(advanceBlocked(evaluation, en, 'en')).toMatch(/ends on its own on /);
    expect(
      advanceBlocked(advancePreview(facts({ stage: 'EVALUATION', evaluationMinimumMet: true })), zh, 'zh-CN'),
    ).toBeNull();
    expect(advancePreview(facts({ stage: 'CLOSED' })).reason).toBe('CLOSED');
  });
});

describe('approval tally against the rule (Art. 18)', () => {
  const voters = [
    { userId: 'leader', isLeader: true },
    ...['a', 'b', 'c', 'd', 'e', 'f'].map((userId) => ({ userId, isLeader: false })),
  ];
  test('no vote yet: the leader has not voted, 4 of 7 approvals are needed', () => {
    const tally = approvalTally(defaultApprovalRule, voters, new Map());
    expect(tally).toMatchObject({ needed: 4, stillNeeded: 4, outcome: 'PENDING', leaderVoted: false });
    expect(tallyLine(tally, zh, 'zh-CN')).toBe('组长未表决，还需 4 票同意');
    expect(tallyLine(tally, en, 'en')).toBe('The leader has not voted; 4 more approvals needed');
  });
  test('one rejection does not end the round', () => {
    const tally = approvalTally(defaultApprovalRule, voters, new Map([['a', 'REJECT' as const]]));
    expect(tally.outcome).toBe('PENDING');
    expect(tally.rejections).toBe(1);
  });
  test('a majority without the leader is still one vote short', () => {
    const votes = new Map(['a', 'b', 'c', 'd'].map((id) => [id, 'APPROVE' as const]));
    const tally = approvalTally(defaultApprovalRule, voters, votes);
    expect(tally).toMatchObject({ approvals: 4, stillNeeded: 1, outcome: 'PENDING' });
    expect(tallyLine(tally, zh, 'zh-CN')).toBe('组长未表决，还需 1 票同意');
    votes.set('leader', 'APPROVE');
    expect(tallyLine(approvalTally(defaultApprovalRule, voters, votes), zh, 'zh-CN')).toBe(
      '组长已同意，已达到通过条件',
    );
  });
  test('the leader’s rejection ends the round', () => {
    const tally = approvalTally(defaultApprovalRule, voters, new Map([['leader', 'REJECT' as const]]));
    expect(tally.outcome).toBe('REJECTED');
    expect(tallyLine(tally, zh, 'zh-CN')).toBe('组长不同意');
  });
});

describe('a unit’s own result', () => {
  test('checkpoint and year-end parts are summed exactly from the breakdown', () => {
    expect(
      breakdownParts({
        indicators: [
          { checkpoints: [{ points: '0.1' }, { points: '0.2' }], yearEnd: { points: '1.15' } },
          { checkpoints: [], yearEnd: { points: 2 } },
        ],
      }),
    ).toEqual({ checkpoints: '0.3', yearEnd: '3.15' });
    expect(breakdownParts(undefined)).toEqual({ checkpoints: '0', yearEnd: '0' });
    expect(categorySize([{ categoryId: 'a' }, { categoryId: 'b' }, { categoryId: 'a' }], 'a')).toBe(2);
  });
});
