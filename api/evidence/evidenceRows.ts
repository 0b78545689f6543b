// An evidence file as the API answers it (证明材料, Art. 8), and the one read every route that shows a file
// goes through: its own unit, the office, the leadership group and departments only.
import { type Request } from 'express';
import { z } from 'zod';
import { currentUser, deny } from '../auth/access';
import { notFound } from '../errors';
import { mayReadEvidence } from './evidenceAccess';
import type { Db } from '../../prisma/client';

export const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const evidenceParams = z.object({ evidenceId: z.uuid() });

export const evidenceSchema = z.object({
  id: z.string(),
  cycleId: z.string(),
  unitId: z.string().nullable(),
  originalName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string().describe('hex SHA-256 of the stored bytes'),
  uploadedById: z.string().nullable(),
  uploadedAt: z.string(),
  submissionId: z.string().nullable(),
  selfCheckId: z.string().nullable(),
  explanationId: z.string().nullable(),
  adjustmentId: z.string().nullable(),
  deletedAt: z.string().nullable(),
});

export type EvidenceRow = Awaited<ReturnType<Db['evidenceFile']['findUniqueOrThrow']>>;

export const toEvidence = (row: EvidenceRow) => ({
  id: row.id,
  cycleId: row.cycleId,
  unitId: row.unitId,
  originalName: row.originalName,
  mimeType: row.mimeType,
  sizeBytes: row.sizeBytes,
  sha256: row.sha256,
  uploadedById: row.uploadedById,
  uploadedAt: row.uploadedAt.toISOString(),
  submissionId: row.submissionId,
  selfCheckId: row.selfCheckId,
  explanationId: row.explanationId,
  adjustmentId: row.adjustmentId,
  deletedAt: row.deletedAt?.toISOString() ?? null,
});

/** The file, if the signed-in user may read it (a refusal is audited by deny). */
export async function findReadable(db: Db, req: Request) {
  const user = currentUser(req);
  const { evidenceId } = evidenceParams.parse(req.params);
  const row = await db.evidenceFile.findUnique({ where: { id: evidenceId } });
  if (!row) throw notFound(`evidence ${evidenceId}`);
  if (!mayReadEvidence(user, row))
    await deny(
      db,
      req,
      'evidence is seen by its own unit, the office, the leadership group and departments only',
    );
  return row;
}
