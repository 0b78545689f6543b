// Evidence files (证明材料, Art. 8): a unit uploads them before attaching them to a checkpoint
// submission, a self-check or an explanation; the office uploads the documents behind commendations
// and criticisms (Art. 14, 15). The type is read from the content, the SHA-256 recorded, the file
// stored outside the database; deleting stops once the file has been (or is being) judged.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser, deny, requireRole } from '../auth/access';
import { HttpError, badRequest, conflict, notFound } from '../errors';
import { writeAudit } from '../../db/audit';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { fileNameProblem } from '../inputGuard';
import { guardMessage } from '../guardMessages';
import { ALLOWED_EXTENSIONS, checkEvidenceFile } from './detectFileType';
import {
  absoluteEvidencePath,
  displayName,
  relativeEvidencePath,
  sha256Hex,
  writeEvidenceFile,
} from './evidenceStorage';
import {
  EVIDENCE_READER_ROLES,
  EVIDENCE_UPLOADER_ROLES,
  deletionRefusal,
  mayDeleteEvidence,
  mayReadEvidence,
} from './evidenceAccess';
import { isStageAtOrAfter, type CycleStage } from '../../domain/cycle/stages';
import type { Db } from '../../prisma/client';

const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const evidenceParams = z.object({ evidenceId: z.uuid() });
export const uploadFields = z.object({
  unitId: z
    .uuid()
    .optional()
    .describe(
      'the unit the evidence belongs to; a unit account may omit it (its own unit); the office must name it',
    ),
});
export const evidenceListQuery = z.object({ unitId: z.uuid().optional() });

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

type EvidenceRow = Awaited<ReturnType<Db['evidenceFile']['findUniqueOrThrow']>>;

const toEvidence = (row: EvidenceRow) => ({
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

/** RFC 6266/5987: an ASCII fallback and the UTF-8 name (Chinese file names survive the download). */
function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function evidenceRoutes(deps: ApiDeps): Router {
  const { db, settings } = deps;
  const router = apiRouter('');
  const maxBytes = settings.evidenceMaxBytes;
  const parseUpload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
    // Browsers send UTF-8 file names without declaring a charset; busboy would read them as latin1.
    defParamCharset: 'utf8',
  }).single('file');

  const receiveFile = (req: Request, res: Response, next: NextFunction) => {
    // Refuse an announced oversize body before reading it (multipart overhead allowed for).
    const announced = Number(req.get('content-length') ?? 0);
    if (announced > maxBytes + 64 * 1024)
      return next(new HttpError(413, 'TOO_LARGE', `the file exceeds the limit of ${maxBytes} bytes`));
    parseUpload(req, res, (error?: unknown) => {
      if (!error) {
        const badName = req.file ? fileNameProblem(req, req.file.originalname) : null;
        return next(badName ?? undefined);
      }
      const code = (error as { code?: string }).code;
      if (code === 'LIMIT_FILE_SIZE')
        return next(new HttpError(413, 'TOO_LARGE', `the file exceeds the limit of ${maxBytes} bytes`));
      if ((error as Error).name === 'MulterError') {
        const field = (error as { field?: string }).field ?? 'file';
        return next(
          badRequest(`${field}: ${(error as Error).message} (send one file in the field "file")`, {
            [field]: (error as Error).message,
          }),
        );
      }
      // busboy's own errors (a truncated body, a malformed part, no boundary) are the client's.
      const message = guardMessage(req, 'MULTIPART', String((error as Error).message).slice(0, 200));
      next(new HttpError(400, 'BAD_REQUEST', message, { file: message }));
    });
  };

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/evidence',
      summary: 'Upload one evidence file (multipart field `file`)',
      description: `Accepted: ${ALLOWED_EXTENSIONS.join(', ')}. The type is detected from the content and must agree with the extension (400 otherwise); files above the size limit get 413. Attach the returned id to a submission, self-check or explanation.`,
      tags: ['evidence'],
      roles: EVIDENCE_UPLOADER_ROLES,
      params: yearParams,
      multipart: uploadFields.extend({ file: z.string().meta({ format: 'binary' }).describe('the file') }),
      response: { status: 201, schema: z.object({ evidence: evidenceSchema }) },
      errors: [404, 409, 413],
    },
    requireRole(db, ...EVIDENCE_UPLOADER_ROLES),
    receiveFile,
    async (req, res) => {
      const actor = currentUser(req);
      const { year } = yearParams.parse(req.params);
      const fields = uploadFields.parse(req.body ?? {});
      const file = req.file;
      if (!file)
        throw badRequest('file: required (multipart/form-data with one file in the field "file")', {
          file: 'required',
        });
      const unitId = fields.unitId ?? (actor.role === 'UNIT' ? actor.unitId : undefined);
      if (!unitId) throw badRequest('unitId: required when the office uploads', { unitId: 'required' });
      if (actor.role === 'UNIT' && unitId !== actor.unitId)
        await deny(db, req, 'a unit uploads evidence only for itself (Art. 8)');

      const cycle = await db.cycle.findUnique({ where: { year } });
      if (!cycle) throw notFound(`cycle ${year}`);
      if (!cycle.publishedAt)
        throw conflict(
          'WRONG_STAGE',
          `the targets of ${year} are not published yet; there is nothing to give evidence for (Art. 8)`,
        );
      if (cycle.stage === 'CLOSED') throw conflict('CLOSED', `the cycle ${year} is closed`);
      const unit = await db.unit.findUnique({ where: { id: unitId } });
      if (!unit) throw badRequest(`unitId: unknown unit ${unitId}`, { unitId: 'unknown unit' });

      const originalName = displayName(file.originalname);
      const checked = checkEvidenceFile(originalName, file.buffer);
      if ('problem' in checked) throw badRequest(`file: ${checked.problem}`, { file: checked.problem });

      const id = randomUUID();
      const storagePath = relativeEvidencePath(year, unit.code, id, originalName);
      const sha256 = sha256Hex(file.buffer);
      const absolute = await writeEvidenceFile(settings.evidenceDir, storagePath, file.buffer);
      let row: EvidenceRow;
      try {
        row = await db.$transaction(async (tx) => {
          const created = await tx.evidenceFile.create({
            data: {
              id,
              cycleId: cycle.id,
              unitId,
              originalName,
              mimeType: checked.type.mimeType,
              sizeBytes: file.size,
              sha256,
              storagePath,
              uploadedById: actor.userId,
            },
          });
          await writeAudit(tx, {
            cycleId: cycle.id,
            actor,
            action: 'evidence.upload',
            targetType: 'EvidenceFile',
            targetId: id,
            after: {
              unitId,
              originalName,
              mimeType: checked.type.mimeType,
              sizeBytes: file.size,
              sha256,
              storagePath,
            },
            ip: req.ip,
          });
          return created;
        });
      } catch (error) {
        // Nothing half-written: without its row the file would be an orphan.
        await fs.promises.rm(absolute, { force: true });
        throw error;
      }
      res.status(201).json({ evidence: toEvidence(row) });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/evidence',
      summary: "A cycle's evidence files (a unit: its own; readers: any unit, or one with unitId)",
      tags: ['evidence'],
      roles: ['UNIT', ...EVIDENCE_READER_ROLES],
      params: yearParams,
      query: evidenceListQuery,
      response: { schema: z.object({ evidence: z.array(evidenceSchema) }) },
      errors: [404],
    },
    requireRole(db, 'UNIT', ...EVIDENCE_READER_ROLES),
    async (req, res) => {
      const user = currentUser(req);
      const { year } = yearParams.parse(req.params);
      const query = evidenceListQuery.parse(req.query);
      if (user.role === 'UNIT' && query.unitId && query.unitId !== user.unitId)
        await deny(db, req, 'a unit sees only its own evidence');
      const cycle = await db.cycle.findUnique({ where: { year } });
      if (!cycle) throw notFound(`cycle ${year}`);
      const unitId = user.role === 'UNIT' ? user.unitId! : query.unitId;
      const rows = await db.evidenceFile.findMany({
        where: { cycleId: cycle.id, deletedAt: null, ...(unitId ? { unitId } : {}) },
        orderBy: { uploadedAt: 'desc' },
        take: 1000,
      });
      res.json({ evidence: rows.map(toEvidence) });
    },
  );

  const findReadable = async (req: Request) => {
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
  };

  defineRoute(
    router,
    {
      method: 'get',
      path: '/evidence/:evidenceId',
      summary: "An evidence file's metadata",
      tags: ['evidence'],
      roles: ['UNIT', ...EVIDENCE_READER_ROLES],
      params: evidenceParams,
      response: { schema: z.object({ evidence: evidenceSchema }) },
      errors: [404],
    },
    requireRole(db, 'UNIT', ...EVIDENCE_READER_ROLES),
    async (req, res) => {
      res.json({ evidence: toEvidence(await findReadable(req)) });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/evidence/:evidenceId/download',
      summary: 'Download an evidence file (owning unit, office, leadership group, departments)',
      tags: ['evidence'],
      roles: ['UNIT', ...EVIDENCE_READER_ROLES],
      params: evidenceParams,
      response: {
        description: 'the file, with its detected Content-Type and Repr-Digest (SHA-256)',
        schema: z.string().meta({ format: 'binary' }),
        contentType: 'application/octet-stream',
      },
      errors: [404],
    },
    requireRole(db, 'UNIT', ...EVIDENCE_READER_ROLES),
    async (req, res) => {
      const row = await findReadable(req);
      if (row.deletedAt) throw notFound(`evidence ${row.id} (withdrawn on ${row.deletedAt.toISOString()})`);
      const absolute = absoluteEvidencePath(settings.evidenceDir, row.storagePath);
      const stream = fs.createReadStream(absolute);
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', reject);
      }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') {
          console.error(`[api] evidence ${row.id}: file missing at ${absolute}`);
          throw notFound(`the file of evidence ${row.id}`);
        }
        throw error;
      });
      res.setHeader('Content-Type', row.mimeType);
      res.setHeader('Content-Length', String(row.sizeBytes));
      res.setHeader('Content-Disposition', contentDisposition(row.originalName));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      // Should a browser still show it inline, the file runs no script and loads nothing (sandboxed).
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox; frame-ancestors 'none'");
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(row.sha256, 'hex').toString('base64')}:`);
      stream.pipe(res);
    },
  );

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
