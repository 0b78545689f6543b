// Demo data for every notice, drawn from the federation's real structure (runtime/seed/federation.json):
// its units, categories and indicator templates. Used by `npm run mail:preview`, by the API/UI to show
// a template, and by the template tests. The scores are computed here the way SPEC §4 computes them
// (decimal arithmetic, weights of indicators not undertaken spread evenly, Art. 12), so the breakdown,
// the totals and the category table of a preview agree with one another.
import Decimal from 'decimal.js';
import federation from '../runtime/seed/federation.json';
import { downgradeGrade, gradeOfTotal } from '../domain/scoring/grades';
import { scoringConfigSchema } from '../domain/scoring/scoringConfig';
import type { Grade } from '../domain/scoring/scoringOutput';
import type { NoticeDataInput, NoticeEvent, NoticeLocale } from './noticeEvents';
import type { ScoreBreakdown } from './scoreBreakdown';
import { renderNotice, type RenderedNotice } from './renderNotice';

export const DEMO_HEADER = {
  federationName: federation.federation.name,
  federationNameEn: federation.federation.nameEn,
  docNumber: '大工考〔2026〕3号',
  year: 2026,
  issuedAt: '2026-11-24T10:00:00+08:00',
};
const PORTAL = 'http://localhost:3000';

const unitByCode = new Map(federation.units.map((unit) => [unit.code, unit]));
const categoryName = (code: string) => federation.categories.find((category) => category.code === code)!.name;
const unitName = (code: string) => unitByCode.get(code)!.name;
const partyCommittee = (code: string) => `中共${unitName(code).replace(/总工会$/, '')}委员会`;
const principalLeader = (code: string) => `${unitName(code)}主要负责人`;

interface DemoIndicator {
  code: string;
  name: string;
  group: 'KEY_TASK' | 'INSTRUCTION' | 'MEETING';
  weight: number;
  standard: string;
  checkpoints: { code: string; name: string; dueAt: string; share: number; standard: string }[];
}

const groupPrefix = { KEY_TASK: 'K', INSTRUCTION: 'I', MEETING: 'M' } as const;

/** The federation's indicator templates with two mid-year checkpoints on the heaviest key tasks. */
export const DEMO_INDICATORS: DemoIndicator[] = federation.indicatorTemplates.map((template, index, all) => {
  const group = template.group as DemoIndicator['group'];
  const numberInGroup = all.slice(0, index + 1).filter((other) => other.group === group).length;
  const code = `${groupPrefix[group]}${String(numberInGroup).padStart(2, '0')}`;
  const heavy = group === 'KEY_TASK' && template.weight >= 8;
  const checkpoints = heavy
    ? [
        {
          code: `${code}-Q2`,
          name: '上半年推进情况',
          dueAt: '2026-06-30T17:00:00+08:00',
          share: 0.2,
          standard: '完成年度任务的50%，上传工作台账',
        },
        {
          code: `${code}-Q3`,
          name: '前三季度推进情况',
          dueAt: '2026-09-30T17:00:00+08:00',
          share: 0.2,
          standard: '完成年度任务的80%，上传阶段总结',
        },
      ]
    : [
        {
          code: `${code}-Q3`,
          name: '前三季度推进情况',
          dueAt: '2026-09-30T17:00:00+08:00',
          share: 0.3,
          standard: '完成年度任务的75%',
        },
      ];
  return {
    code,
    name: template.name,
    group,
    weight: template.weight,
    standard: `按市总年度工作要点完成“${template.name}”各项任务`,
    checkpoints,
  };
});

/** Urban units that do not undertake 农民工等新就业形态劳动者入会 (federation.json note, Art. 12). */
const NOT_UNDERTAKEN: Record<string, string[]> = { zhongshan: ['K02'], xigang: ['K02'] };

interface DemoUnitPlan {
  performance: number;
  adjustments: {
    kind: 'COMMENDATION_MAJOR' | 'COMMENDATION_MINOR' | 'CRITICISM_MAJOR' | 'CRITICISM_MINOR';
    count: number;
    note: string;
  }[];
  downgrade?: { reason: 'FALSIFICATION'; levels: number; note: string };
}

const URBAN_PLANS: Record<string, DemoUnitPlan> = {
  zhongshan: {
    performance: 0.97,
    adjustments: [{ kind: 'COMMENDATION_MAJOR', count: 1, note: '市委通报表扬' }],
  },
  xigang: {
    performance: 0.88,
    adjustments: [{ kind: 'COMMENDATION_MINOR', count: 2, note: '市总通报表扬两次' }],
  },
  shahekou: {
    performance: 0.93,
    adjustments: [],
    downgrade: { reason: 'FALSIFICATION', levels: 1, note: '节点证明材料弄虚作假' },
  },
  ganjingzi: { performance: 0.9, adjustments: [] },
  lvshunkou: { performance: 0.8, adjustments: [{ kind: 'CRITICISM_MINOR', count: 1, note: '市总通报批评' }] },
};

const POINTS_EACH = {
  COMMENDATION_MAJOR: 1,
  COMMENDATION_MINOR: 0.5,
  CRITICISM_MAJOR: -2,
  CRITICISM_MINOR: -1,
} as const;

const round2 = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
const round4 = (value: Decimal) => value.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toNumber();

// The default thresholds of Art. 16 (scoringConfig.ts), as a cycle without overrides applies them.
const DEFAULT_GRADES = scoringConfigSchema.parse({}).grades;
const gradeOf = (total: number): Grade => gradeOfTotal(total, DEFAULT_GRADES);

/** Art. 13: rank r of n converts linearly from 100 (first) to 60 (last). */
function rankScore(rank: number, size: number): Decimal {
  return size === 1
    ? new Decimal(100)
    : new Decimal(100).minus(new Decimal(40).times(rank - 1).dividedBy(size - 1));
}

export interface DemoResult {
  unitCode: string;
  breakdown: ScoreBreakdown;
  indicatorScore: number;
  indicatorPoints: number;
  comprehensivePoints: number;
  bonus: number;
  deduction: number;
  total: number;
  scoreGrade: Grade;
  finalGrade: Grade;
  categoryRank: number;
}

function scoreUrbanUnits(): DemoResult[] {
  const codes = Object.keys(URBAN_PLANS);
  const byPerformance = [...codes].sort((a, b) => URBAN_PLANS[b].performance - URBAN_PLANS[a].performance);
  const results = codes.map((code) => {
    const plan = URBAN_PLANS[code];
    const skipped = NOT_UNDERTAKEN[code] ?? [];
    const undertaken = DEMO_INDICATORS.filter((indicator) => !skipped.includes(indicator.code));
    const spread = DEMO_INDICATORS.filter((indicator) => skipped.includes(indicator.code))
      .reduce((sum, indicator) => sum.plus(indicator.weight), new Decimal(0))
      .dividedBy(undertaken.length);
    let indicatorScore = new Decimal(0);
    const lines = DEMO_INDICATORS.map((indicator, index) => {
      const isUndertaken = !skipped.includes(indicator.code);
      const effectiveWeight = isUndertaken ? spread.plus(indicator.weight) : new Decimal(0);
      const fraction = Decimal.min(1, new Decimal(plan.performance).plus(((index % 3) - 1) * 0.02));
      const checkpoints = indicator.checkpoints.map((checkpoint) => ({
        checkpointId: checkpoint.code,
        name: `${checkpoint.code} ${checkpoint.name}`,
        share: checkpoint.share,
        fraction: isUndertaken ? fraction.toNumber() : 0,
        points: round4(effectiveWeight.times(checkpoint.share).times(fraction)),
      }));
      const yearEndShare = indicator.checkpoints.reduce(
        (rest, checkpoint) => rest.minus(checkpoint.share),
        new Decimal(1),
      );
      const yearEndFraction = new Decimal(plan.performance);
      const completion = isUndertaken
        ? indicator.checkpoints
            .reduce((sum, checkpoint) => sum.plus(fraction.times(checkpoint.share)), new Decimal(0))
            .plus(yearEndShare.times(yearEndFraction))
        : new Decimal(0);
      const points = effectiveWeight.times(completion);
      indicatorScore = indicatorScore.plus(points);
      return {
        indicatorId: indicator.code,
        name: `${indicator.code} ${indicator.name}`,
        group: indicator.group,
        baseWeight: indicator.weight,
        effectiveWeight: round4(effectiveWeight),
        undertaken: isUndertaken,
        checkpoints,
        yearEnd: {
          share: round4(yearEndShare),
          fraction: isUndertaken ? yearEndFraction.toNumber() : 0,
          points: round4(effectiveWeight.times(yearEndShare).times(yearEndFraction)),
        },
        completion: round4(completion),
        points: round4(points),
        article: isUndertaken ? 'Art. 8, 11' : 'Art. 12',
      };
    });
    const rank = byPerformance.indexOf(code) + 1;
    const leader = rankScore(rank, codes.length);
    const department = rankScore(rank, codes.length);
    const comprehensive = leader.times(0.1).plus(department.times(0.05));
    const adjustments = plan.adjustments.map((adjustment) => ({
      ...adjustment,
      pointsEach: POINTS_EACH[adjustment.kind],
      points: POINTS_EACH[adjustment.kind] * adjustment.count,
      article: adjustment.kind.startsWith('COMMENDATION') ? 'Art. 14' : 'Art. 15',
    }));
    const bonus = adjustments
      .filter((row) => row.points > 0)
      .reduce((sum, row) => sum.plus(row.points), new Decimal(0));
    const deduction = adjustments
      .filter((row) => row.points < 0)
      .reduce((sum, row) => sum.minus(row.points), new Decimal(0));
    const indicatorPoints = indicatorScore.times(0.85);
    const total = round2(indicatorPoints.plus(comprehensive).plus(bonus).minus(deduction));
    const scoreGrade = gradeOf(total);
    const levels = plan.downgrade?.levels ?? 0;
    const finalGrade = downgradeGrade(scoreGrade, levels);
    const breakdown: ScoreBreakdown = {
      indicators: lines,
      comprehensive: {
        leader: { score: round4(leader), weight: 10, points: round4(leader.times(0.1)) },
        department: { score: round4(department), weight: 5, points: round4(department.times(0.05)) },
        thirdParty: null,
        article: 'Art. 11, 13',
      },
      adjustments,
      downgrade: plan.downgrade ? { levels, reasons: [plan.downgrade], article: 'Art. 17' } : null,
      total,
      scoreGrade,
      finalGrade,
      categoryRank: 0,
    };
    return {
      unitCode: code,
      breakdown,
      indicatorScore: round4(indicatorScore),
      indicatorPoints: round4(indicatorPoints),
      comprehensivePoints: round4(comprehensive),
      bonus: bonus.toNumber(),
      deduction: deduction.toNumber(),
      total,
      scoreGrade,
      finalGrade,
      categoryRank: 0,
    };
  });
  // SPEC §4: rank by rounded total, equal totals share a rank.
  for (const result of results) {
    result.categoryRank = 1 + results.filter((other) => other.total > result.total).length;
    result.breakdown.categoryRank = result.categoryRank;
  }
  return results;
}

export const DEMO_URBAN_RESULTS: DemoResult[] = scoreUrbanUnits();

function resultNotice(
  code: string,
  recipientName: string,
  withPortal: boolean,
): NoticeDataInput<'RESULT_NOTICE_UNIT'> {
  const result = DEMO_URBAN_RESULTS.find((row) => row.unitCode === code)!;
  const table = [...DEMO_URBAN_RESULTS].sort((a, b) => a.categoryRank - b.categoryRank || b.total - a.total);
  return {
    ...DEMO_HEADER,
    recipientName,
    ...(withPortal ? { portalUrl: `${PORTAL}/cycles/2026/results` } : {}),
    unitName: unitName(code),
    categoryName: categoryName('URBAN'),
    categoryRank: result.categoryRank,
    categorySize: table.length,
    total: result.total,
    scoreGrade: result.scoreGrade,
    finalGrade: result.finalGrade,
    indicatorScore: result.indicatorScore,
    indicatorPoints: result.indicatorPoints,
    comprehensivePoints: result.comprehensivePoints,
    bonus: result.bonus,
    deduction: result.deduction,
    breakdown: result.breakdown,
    categoryTable: table.map((row) => ({
      rank: row.categoryRank,
      unitName: unitName(row.unitCode),
      total: row.total,
      finalGrade: row.finalGrade,
    })),
    opinion:
      code === 'shahekou'
        ? '该单位重点工作任务推进有力，但在节点证明材料中存在弄虚作假问题，依据第十七条下调一个档次。\n希望认真整改，严肃考核纪律。'
        : '该单位围绕中心、服务大局，重点工作任务完成扎实，职工服务阵地建设成效明显。\n希望在农民工入会等方面继续探索创新。',
  };
}

const FAILING = 'changhai';
const FAILING_TOTAL = 54.5;

const DEMO_BUILDERS: { [E in NoticeEvent]: () => NoticeDataInput<E> } = {
  TARGETS_PUBLISHED: () => {
    const skipped = NOT_UNDERTAKEN.zhongshan;
    const own = DEMO_INDICATORS.filter((indicator) => !skipped.includes(indicator.code));
    const spread = DEMO_INDICATORS.filter((indicator) => skipped.includes(indicator.code))
      .reduce((sum, indicator) => sum.plus(indicator.weight), new Decimal(0))
      .dividedBy(own.length);
    return {
      ...DEMO_HEADER,
      recipientName: principalLeader('zhongshan'),
      portalUrl: `${PORTAL}/cycles/2026/targets`,
      unitName: unitName('zhongshan'),
      indicators: own.map((indicator) => ({
        ...indicator,
        effectiveWeight: round4(spread.plus(indicator.weight)),
      })),
      notUndertaken: DEMO_INDICATORS.filter((indicator) => skipped.includes(indicator.code)).map(
        ({ code, name }) => ({ code, name }),
      ),
    };
  },
  CHECKPOINT_REMINDER: () => ({
    ...DEMO_HEADER,
    issuedAt: '2026-09-27T09:00:00+08:00',
    recipientName: principalLeader('shahekou'),
    portalUrl: `${PORTAL}/cycles/2026/checkpoints`,
    unitName: unitName('shahekou'),
    dueAt: '2026-09-30T17:00:00+08:00',
    checkpoints: DEMO_INDICATORS.slice(0, 3).map((indicator) => {
      const checkpoint = indicator.checkpoints[indicator.checkpoints.length - 1];
      return {
        indicatorCode: indicator.code,
        indicatorName: indicator.name,
        code: checkpoint.code,
        name: checkpoint.name,
        standard: checkpoint.standard,
      };
    }),
  }),
  CHECKPOINT_OVERDUE: () => ({
    ...DEMO_BUILDERS.CHECKPOINT_REMINDER(),
    issuedAt: '2026-10-01T09:00:00+08:00',
  }),
  SELF_CHECK_OPENED: () => ({
    ...DEMO_HEADER,
    issuedAt: '2026-11-01T09:00:00+08:00',
    recipientName: principalLeader('pulandian'),
    portalUrl: `${PORTAL}/cycles/2026/self-check`,
    unitName: unitName('pulandian'),
    dueAt: '2026-11-30T17:00:00+08:00',
  }),
  SELF_CHECK_CLOSING: () => ({
    ...DEMO_BUILDERS.SELF_CHECK_OPENED(),
    issuedAt: '2026-11-27T09:00:00+08:00',
    missingIndicators: DEMO_INDICATORS.slice(9, 11).map(({ code, name }) => ({ code, name })),
  }),
  RANKING_REQUEST: () => ({
    ...DEMO_HEADER,
    issuedAt: '2026-12-10T09:00:00+08:00',
    recipientName: federation.leadershipGroup[1].title,
    portalUrl: `${PORTAL}/cycles/2026/rankings`,
    evaluatorRole: 'PARTY_MEMBER',
    dueAt: '2026-12-20T17:00:00+08:00',
    categories: federation.categories.map((category) => ({
      name: category.name,
      unitNames: federation.units.filter((unit) => unit.category === category.code).map((unit) => unit.name),
    })),
    reminder: 0,
  }),
  APPROVAL_REQUEST: () => ({
    ...DEMO_HEADER,
    issuedAt: '2027-01-08T09:00:00+08:00',
    recipientName: federation.leadershipGroup[0].title,
    portalUrl: PORTAL,
    round: 1,
    resultsUrl: `${PORTAL}/cycles/2026/approval/1`,
    unitCount: federation.units.length,
    gradeCounts: { GOOD: 3, FAIRLY_GOOD: 6, PASS: 4, FAIL: 1 },
  }),
  APPROVAL_OUTCOME: () => ({
    ...DEMO_HEADER,
    issuedAt: '2027-01-12T16:00:00+08:00',
    recipientName: federation.office[0].title,
    portalUrl: PORTAL,
    round: 1,
    outcome: 'REJECTED',
    approvals: 2,
    rejections: 3,
    notVoted: 0,
    comments: [
      {
        voterName: federation.leadershipGroup[0].title,
        decision: 'REJECT',
        comment: '沙河口区降档依据需补充核查材料。',
      },
      { voterName: federation.leadershipGroup[2].title, decision: 'APPROVE', comment: '' },
    ],
  }),
  RESULT_NOTICE_UNIT: () => resultNotice('zhongshan', principalLeader('zhongshan'), true),
  RESULT_NOTICE_PARTY_COMMITTEE: () => resultNotice('shahekou', partyCommittee('shahekou'), false),
  CRITICISM_NOTICE: () => ({
    ...DEMO_HEADER,
    issuedAt: '2027-01-20T09:00:00+08:00',
    recipientName: partyCommittee(FAILING),
    recipientRole: 'PARTY_COMMITTEE',
    unitName: unitName(FAILING),
    partyCommitteeName: partyCommittee(FAILING),
    total: FAILING_TOTAL,
    scoreGrade: 'FAIL',
    finalGrade: 'FAIL',
    explanationDueAt: '2027-02-04T17:00:00+08:00',
  }),
  EXPLANATION_REMINDER: () => ({
    ...DEMO_HEADER,
    issuedAt: '2027-02-01T09:00:00+08:00',
    recipientName: principalLeader(FAILING),
    portalUrl: `${PORTAL}/cycles/2026/explanation`,
    unitName: unitName(FAILING),
    partyCommitteeName: partyCommittee(FAILING),
    dueAt: '2027-02-04T17:00:00+08:00',
    daysLeft: 3,
    status: 'PENDING',
  }),
  EXPLANATION_OVERDUE_ESCALATION: () => ({
    ...DEMO_HEADER,
    issuedAt: '2027-02-07T09:00:00+08:00',
    recipientName: federation.leadershipGroup[0].title,
    portalUrl: `${PORTAL}/cycles/2026/explanations`,
    unitName: unitName(FAILING),
    principalLeaderName: principalLeader(FAILING),
    dueAt: '2027-02-04T17:00:00+08:00',
    daysOverdue: 3,
    escalation: 1,
  }),
  EXPLANATION_ACCEPTED: () => ({
    ...DEMO_HEADER,
    issuedAt: '2027-02-20T09:00:00+08:00',
    recipientName: principalLeader(FAILING),
    portalUrl: `${PORTAL}/cycles/2026/explanation`,
    unitName: unitName(FAILING),
    revision: 2,
    comment: '整改措施具体可行，请抓好落实。',
  }),
  EXPLANATION_FORWARDED: () => ({
    ...DEMO_HEADER,
    issuedAt: '2027-02-20T09:00:00+08:00',
    recipientName: partyCommittee(FAILING),
    unitName: unitName(FAILING),
    principalLeaderName: principalLeader(FAILING),
    revision: 2,
    submittedAt: '2027-02-18T15:30:00+08:00',
    content:
      '关于2026年度工作实绩考核不合格的书面说明\n一、主要原因：年度重点任务推进滞后，节点材料报送不及时。\n二、整改措施：明确责任分工，按月调度，限期完成。',
    files: [
      {
        name: '整改措施.pdf',
        mimeType: 'application/pdf',
        sizeBytes: 48213,
        sha256: 'a3f1c2d4e5b6978812345678901234567890abcdef1234567890abcdef123456',
      },
    ],
  }),
  EXPLANATION_RETURNED: () => ({
    ...DEMO_HEADER,
    issuedAt: '2027-02-10T09:00:00+08:00',
    recipientName: principalLeader(FAILING),
    portalUrl: `${PORTAL}/cycles/2026/explanation`,
    unitName: unitName(FAILING),
    revision: 1,
    comment: '请补充问题原因分析和整改措施，\n并明确整改时限和责任人。',
    dueAt: '2027-02-17T17:00:00+08:00',
  }),
  FEEDBACK_REQUEST: () => ({
    ...DEMO_HEADER,
    issuedAt: '2027-01-22T09:00:00+08:00',
    recipientName: principalLeader('zhongshan'),
    portalUrl: `${PORTAL}/cycles/2026/feedback`,
    unitName: unitName('zhongshan'),
    feedback:
      '你单位2026年度重点工作任务完成扎实，综合评价位列城区第一。\n建议：进一步加强新就业形态劳动者入会工作，巩固职工服务阵地建设成果。',
  }),
  FEEDBACK_REMINDER: () => ({
    ...DEMO_HEADER,
    issuedAt: '2027-01-29T09:00:00+08:00',
    recipientName: principalLeader('zhongshan'),
    portalUrl: `${PORTAL}/cycles/2026/feedback`,
    unitName: unitName('zhongshan'),
    reminder: 1,
    requestedAt: '2027-01-22T09:00:00+08:00',
  }),
  FEEDBACK_CONFIRMED: () => ({
    ...DEMO_HEADER,
    issuedAt: '2027-01-30T15:00:00+08:00',
    recipientName: federation.office[0].title,
    portalUrl: `${PORTAL}/cycles/2026/feedback`,
    unitName: unitName('zhongshan'),
    confirmedAt: '2027-01-30T14:30:00+08:00',
    confirmedBy: principalLeader('zhongshan'),
    note: '已于1月29日召开全体干部职工会议传达。',
  }),
  INCENTIVE_NOTICE: () => {
    const result = DEMO_URBAN_RESULTS.find((row) => row.unitCode === 'zhongshan')!;
    return {
      ...DEMO_HEADER,
      issuedAt: '2027-01-25T09:00:00+08:00',
      recipientName: principalLeader('zhongshan'),
      portalUrl: `${PORTAL}/cycles/2026/results`,
      unitName: unitName('zhongshan'),
      total: result.total,
      finalGrade: 'GOOD',
      categoryName: categoryName('URBAN'),
      categoryRank: result.categoryRank,
      kind: 'RECOGNITION_AND_REWARD',
      amount: 50000,
      note: '',
    };
  },
};

export function demoNoticeData<E extends NoticeEvent>(event: E): NoticeDataInput<E> {
  return DEMO_BUILDERS[event]();
}

/** A template rendered with demo data, for the office to see what a notice will look like. */
export function previewNotice(event: NoticeEvent, locale: NoticeLocale): RenderedNotice {
  return renderNotice(event, locale, demoNoticeData(event));
}
