// Units' evidence (证明材料, Art. 8) for cycles of engine 1, whose workflows take them as updates;
// the writes are the facts' own (facts/submissionFacts.ts).
import type { ActivityDeps } from './deps';
import { activityAuditKey } from './audit';
import { writeCheckpointSubmission, writeSelfCheck } from '../facts/submissionFacts';
import type { CheckpointSubmissionInput, SelfCheckInput } from '../workflows/contract';

export function evidenceActivities({ db }: ActivityDeps) {
  return {
    recordCheckpointSubmission: (args: {
      cycleId: string;
      input: CheckpointSubmissionInput;
      at: string;
      late: boolean;
    }) => db.$transaction((tx) => writeCheckpointSubmission(tx, { ...args, auditKey: activityAuditKey() })),

    recordSelfCheck: (args: { cycleId: string; input: SelfCheckInput; at: string }) =>
      db.$transaction((tx) => writeSelfCheck(tx, { ...args, auditKey: activityAuditKey() })),
  };
}
