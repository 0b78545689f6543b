// A draft 评价意见 (Art. 10) per unit, written from the figures so the office starts from facts
// (grade, rank, strongest and weakest indicators, bonus, deduction, downgrade) and edits from there.
import type { DowngradeReason } from './scoringInput';
import type { Grade, ScoredUnit } from './scoringOutput';

const gradeNames: Record<Grade, string> = { GOOD: '好', FAIRLY_GOOD: '较好', PASS: '合格', FAIL: '不合格' };

/** The grounds for a downgrade, in the words of Art. 17. */
const downgradeReasonNames: Record<DowngradeReason, string> = {
  CADRE_SELECTION: '干部选拔任用工作出现违纪违规问题',
  PARTY_DISCIPLINE: '不履行或履行全面从严治党主体责任不力',
  MAJOR_ERROR: '工作出现重大失误、造成严重后果',
  FALSIFICATION: '在考核中弄虚作假',
  LEADERSHIP_SANCTIONED: '领导班子成员受到处分',
};

/** 98.3 → "98.30": scores are printed with two decimals, as on the result notice. */
function points(value: number): string {
  return value.toFixed(2);
}

/** 0.9725 → "97.25%". */
function percent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`;
}

export interface OpinionDraftInput {
  unitName: string;
  result: Pick<
    ScoredUnit,
    | 'total'
    | 'scoreGrade'
    | 'finalGrade'
    | 'categoryRank'
    | 'indicatorScore'
    | 'indicatorPoints'
    | 'leaderScore'
    | 'departmentScore'
    | 'thirdPartyScore'
    | 'comprehensivePoints'
    | 'bonus'
    | 'deduction'
    | 'downgradeLevels'
    | 'breakdown'
  >;
  categorySize: number;
}

export function draftOpinion({ unitName, result, categorySize }: OpinionDraftInput): string {
  const sentences: string[] = [];
  sentences.push(
    `${unitName}年度工作实绩考核总分${points(result.total)}分，在同类${categorySize}个单位中排名第${result.categoryRank}位，` +
      `按得分评定等次为“${gradeNames[result.scoreGrade]}”。`,
  );

  // Strongest and weakest undertaken indicators by completion (Art. 8, 11); ties keep the listed order.
  const undertaken = result.breakdown.indicators.filter((line) => line.undertaken);
  let indicatorSentence = `指标考核得分${points(result.indicatorScore)}分，折合${points(result.indicatorPoints)}分`;
  if (undertaken.length > 0) {
    const best = undertaken.reduce((a, b) => (b.completion > a.completion ? b : a));
    const worst = undertaken.reduce((a, b) => (b.completion < a.completion ? b : a));
    if (best.completion === worst.completion) {
      indicatorSentence += `，各项指标完成程度均为${percent(best.completion)}`;
    } else {
      indicatorSentence += `，其中“${best.name}”完成程度最高（${percent(best.completion)}），“${worst.name}”完成程度最低（${percent(worst.completion)}），是下一步改进的重点`;
    }
  }
  sentences.push(`${indicatorSentence}。`);

  const parts = [
    `党组成员评价${points(result.leaderScore)}分`,
    `成员部门评价${points(result.departmentScore)}分`,
  ];
  if (result.thirdPartyScore !== null) parts.push(`第三方评价${points(result.thirdPartyScore)}分`);
  sentences.push(`综合评价折合${points(result.comprehensivePoints)}分（${parts.join('、')}）。`);

  if (result.bonus > 0) sentences.push(`因获通报表扬或创新奖项加${points(result.bonus)}分（第十四条）。`);
  if (result.deduction > 0) sentences.push(`因受通报批评减${points(result.deduction)}分（第十五条）。`);
  const downgrade = result.breakdown.downgrade;
  if (downgrade && result.downgradeLevels > 0) {
    const reasons = [...new Set(downgrade.reasons.map((line) => downgradeReasonNames[line.reason]))].join(
      '；',
    );
    sentences.push(
      `因${reasons}，等次降${result.downgradeLevels === 1 ? '一' : '两'}等，最终等次为“${gradeNames[result.finalGrade]}”（第十七条）。`,
    );
  }

  if (result.finalGrade === 'GOOD') sentences.push('希望继续保持，发挥示范带动作用（第二十条）。');
  else if (result.finalGrade === 'FAIL') {
    sentences.push(
      '请主要负责人向同级党委和市总工会作出书面说明，深刻剖析原因，切实抓好整改（第二十一条）。',
    );
  } else sentences.push('希望对照考核结果查找差距，补齐短板，推动工作再上新台阶。');
  return sentences.join('');
}
