// Withdrawing an evidence file: refused once the file has been (or is being) judged; the row stays with
// its name and SHA-256 for the audit trail (Art. 23), the bytes go.
import fs from 'node:fs';
import type { Router } from 'express';
import type { ApiDeps } from '../deps';
import { currentUser, deny, requireRole } from '../auth/access';
import { conflict, notFound } from '../errors';
import { writeAudit } from '../../db/audit';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { absoluteEvidencePath } from './evidenceStorage';
import { EVIDENCE_UPLOADER_ROLES, deletionRefusal, mayDeleteEvidence } from './evidenceAccess';
import { isStageAtOrAfter, type CycleStage } from '../../domain/cycle/stages';
import { evidenceParams } from './evidenceRows';

export function deleteEvidenceRoutes(deps: ApiDeps): Router {
  const { db, settings } = deps;
  const router = apiRouter('');

  defineRoute(
    router,
    {
      method: 'delete',
      path: '/evidence/:evidenceId',
      summary:
        'Withdraw an evidence file (refused with 409 once its checkpoint round closed or it was verified)',
      tags: ['evidence'],
      roles: EVIDENCE_UPLOADER_ROLES,
      params: evidenceParams,
      response: {
        status: 204,
        description: 'withdrawn: the row stays (with its SHA-256) for the audit trail, the bytes are removed',
      },
      errors: [404, 409],
    },
    requireRole(db, ...EVIDENCE_UPLOADER_ROLES),
    async (req, res) => {
      const actor = currentUser(req);
      const { evidenceId } = evidenceParams.parse(req.params);
      const row = await db.evidenceFile.findUnique({
        where: { id: evidenceId },
        include: { cycle: true, submission: { include: { checkpoint: true } }, explanation: true },
      });
      if (!row || row.deletedAt) throw notFound(`evidence ${evidenceId}`);
      if (!mayDeleteEvidence(actor, row))
        await deny(db, req, 'only the owning unit, or whoever uploaded it, withdraws an evidence file');

      let submissionFacts: { roundClosed: boolean; verified: boolean } | null = null;
      if (row.submission) {
        const verified = !!(await db.checkpointVerification.findUnique({
          where: {
            checkpointId_unitId: { checkpointId: row.submission.checkpointId, unitId: row.submission.unitId },
          },
        }));
        submissionFacts = {
          verified,
          roundClosed: checkpointRoundClosed(row.cycle, row.submission.checkpoint, row.submission),
        };
      }
      const refusal = deletionRefusal({
        cycleStage: row.cycle.stage as CycleStage,
        submission: submissionFacts,
        selfCheck: !!row.selfCheckId,
        explanationStatus: row.explanation?.status ?? null,
        adjustment: !!row.adjustmentId,
      });
      if (refusal)
        throw conflict('CLOSED', `evidence ${row.originalName} can no longer be withdrawn: ${refusal}`);

      const deletedAt = new Date();
      await db.$transaction(async (tx) => {
        const { count } = await tx.evidenceFile.updateMany({
          where: { id: row.id, deletedAt: null },
          data: { deletedAt },
        });
        if (count === 0) throw notFound(`evidence ${evidenceId}`);
        await writeAudit(tx, {
          cycleId: row.cycleId,
          actor,
          action: 'evidence.delete',
          targetType: 'EvidenceFile',
          targetId: row.id,
          before: {
            originalName: row.originalName,
            sha256: row.sha256,
            sizeBytes: row.sizeBytes,
            submissionId: row.submissionId,
          },
          after: { deletedAt },
          ip: req.ip,
        });
      });
      // The bytes go once the row says so; the row keeps name and SHA-256 for the audit trail (Art. 23).
      await fs.promises.rm(absoluteEvidencePath(settings.evidenceDir, row.storagePath), { force: true });
      res.status(204).end();
    },
  );

  return router;
}

/**
 * Whether the checkpoint round of a submission has closed: the workflow publishes a round's close
 * (at its due date or by hand) on its checkpoints; a late submission proves it; past the checkpoint
 * stage every round is closed; otherwise the due date decides (an engine-1 cycle never publishes it).
 */
function checkpointRoundClosed(
  cycle: { stage: string },
  checkpoint: { dueAt: Date; closedAt: Date | null },
  submission: { late: boolean },
): boolean {
  if (submission.late || checkpoint.closedAt || isStageAtOrAfter(cycle.stage as CycleStage, 'SELF_CHECK'))
    return true;
  return checkpoint.dueAt.getTime() <= Date.now();
}
