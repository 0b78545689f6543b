// Verification (Art. 8: 察访核验) for cycles of engine 1; the writes are the facts' own.
import type { ActivityDeps } from './deps';
import { activityAuditKey } from './audit';
import { writeCheckpointVerifications, writeYearEndVerifications } from '../facts/verificationFacts';
import type { CheckpointVerificationInput, YearEndVerificationInput } from '../workflows/contract';

export function verificationActivities({ db }: ActivityDeps) {
  return {
    recordCheckpointVerifications: (args: {
      cycleId: string;
      input: CheckpointVerificationInput;
      at: string;
    }) =>
      db.$transaction((tx) => writeCheckpointVerifications(tx, { ...args, auditKey: activityAuditKey() })),

    recordYearEndVerifications: (args: { cycleId: string; input: YearEndVerificationInput; at: string }) =>
      db.$transaction((tx) => writeYearEndVerifications(tx, { ...args, auditKey: activityAuditKey() })),
  };
}
