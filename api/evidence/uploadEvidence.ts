// A unit uploads its evidence before attaching it to a checkpoint submission, a self-check or an
// explanation; the office uploads the documents behind commendations and criticisms (Art. 8, 14, 15).
// The type is read from the content, the SHA-256 recorded, the file stored outside the database.
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
import { displayName, relativeEvidencePath, sha256Hex, writeEvidenceFile } from './evidenceStorage';
import { EVIDENCE_UPLOADER_ROLES } from './evidenceAccess';
import { evidenceSchema, type EvidenceRow, toEvidence, yearParams } from './evidenceRows';

export const uploadFields = z.object({
  unitId: z
    .uuid()
    .optional()
    .describe(
      'the unit the evidence belongs to; a unit account may omit it (its own unit); the office must name it',
    ),
});

export function uploadEvidenceRoutes(deps: ApiDeps): Router {
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

  return router;
}
