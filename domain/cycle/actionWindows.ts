// When each human action of SPEC §2 is open: one definition for the API's guards, the workflow and the
// web's stage-aware screens. Stages outside a window refuse the action with WRONG_STAGE.
import type { CycleStage } from './stages';

const SCORING_INPUT_STAGES: readonly CycleStage[] = [
  'CHECKPOINTS',
  'SELF_CHECK',
  'VERIFICATION',
  'EVALUATION',
  'SCORING',
];

export const ACTION_WINDOWS = {
  /** Art. 8: evidence per checkpoint; late ones are kept and flagged until verification starts. */
  checkpointSubmission: ['CHECKPOINTS', 'SELF_CHECK'],
  /** Art. 8: the year-end self-check. */
  selfCheck: ['SELF_CHECK'],
  /** Art. 8: checkpoints are verified once due, until scoring. */
  checkpointVerification: SCORING_INPUT_STAGES,
  /** Art. 8: 察访核验 at year end. */
  yearEndVerification: ['VERIFICATION', 'EVALUATION', 'SCORING'],
  /** Art. 13: rankings by party-group members and departments. */
  ranking: ['EVALUATION'],
  /** Art. 9, 11: the third party's scores. */
  thirdPartyScores: ['EVALUATION', 'SCORING'],
  /** Art. 14, 15: commendations and criticisms. */
  adjustment: SCORING_INPUT_STAGES,
  /** Art. 17: downgrade decisions. */
  downgrade: SCORING_INPUT_STAGES,
  /** Art. 10: evaluation opinions, and rescoring. */
  opinion: ['SCORING'],
  rescore: ['SCORING'],
  /** Art. 19-21. */
  feedback: ['FOLLOW_UP'],
  incentive: ['FOLLOW_UP'],
  explanation: ['FOLLOW_UP'],
} as const satisfies Record<string, readonly CycleStage[]>;

export type CycleAction = keyof typeof ACTION_WINDOWS;

export function isActionOpen(action: CycleAction, stage: CycleStage): boolean {
  return (ACTION_WINDOWS[action] as readonly CycleStage[]).includes(stage);
}
