// The 13 stages of SPEC §2 as the system tracks them. Target setting through close (Art. 5, 8-21).
export const CYCLE_STAGES = [
  'TARGET_SETTING', // Art. 5, 8: indicators, checkpoints, non-undertaking, configuration
  'CHECKPOINTS', // Art. 8: evidence per checkpoint, dynamic monitoring
  'SELF_CHECK', // Art. 8: year-end self-check by each unit
  'VERIFICATION', // Art. 8: 察访核验 by the leadership group
  'EVALUATION', // Art. 9, 13: rankings by party-group members and departments
  'SCORING', // Art. 10-17: scores, grades, ranks and opinions
  'APPROVAL', // Art. 18: party-group sign-off
  'NOTIFICATION', // Art. 18: results to units and their party committees
  'FOLLOW_UP', // Art. 19-21: feedback, incentives, explanations from failing units
  'CLOSED',
] as const;

export type CycleStage = (typeof CYCLE_STAGES)[number];

export const STAGE_LABELS: Record<CycleStage, { zh: string; en: string; article: string }> = {
  TARGET_SETTING: { zh: '目标制定', en: 'Target setting', article: 'Art. 5, 8' },
  CHECKPOINTS: { zh: '过程节点', en: 'Checkpoints', article: 'Art. 8' },
  SELF_CHECK: { zh: '年终自查', en: 'Year-end self-check', article: 'Art. 8' },
  VERIFICATION: { zh: '察访核验', en: 'Verification', article: 'Art. 8' },
  EVALUATION: { zh: '综合评价', en: 'Comprehensive evaluation', article: 'Art. 9, 13' },
  SCORING: { zh: '计分评定', en: 'Scoring', article: 'Art. 10-17' },
  APPROVAL: { zh: '党组审定', en: 'Party-group approval', article: 'Art. 18' },
  NOTIFICATION: { zh: '结果通报', en: 'Notification', article: 'Art. 18' },
  FOLLOW_UP: {
    zh: '反馈、激励与书面说明',
    en: 'Feedback, incentives and explanations',
    article: 'Art. 19-21',
  },
  CLOSED: { zh: '已归档', en: 'Closed', article: '' },
};

export function stageIndex(stage: CycleStage): number {
  return CYCLE_STAGES.indexOf(stage);
}

export function isStageAtOrAfter(stage: CycleStage, reference: CycleStage): boolean {
  return stageIndex(stage) >= stageIndex(reference);
}

/** Stages the office may leave by hand ("advance"); the others end on their own conditions. */
export const MANUALLY_ADVANCEABLE: readonly CycleStage[] = [
  'CHECKPOINTS',
  'SELF_CHECK',
  'VERIFICATION',
  'EVALUATION',
];

export function nextStage(stage: CycleStage): CycleStage {
  const index = stageIndex(stage);
  return CYCLE_STAGES[Math.min(index + 1, CYCLE_STAGES.length - 1)];
}
