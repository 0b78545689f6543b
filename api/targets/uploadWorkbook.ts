// Receives one uploaded targets workbook (multipart field `file`, kept in memory: a workbook of
// targets is small) with the refusals the evidence upload gives: too large 413, a bad part 400.
import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { HttpError, badRequest } from '../errors';
import { guardMessage } from '../guardMessages';

export const WORKBOOK_MAX_BYTES = 5 * 1024 * 1024;

const parse = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: WORKBOOK_MAX_BYTES, files: 1, fields: 2, fieldSize: 1024, parts: 3 },
  defParamCharset: 'utf8',
}).single('file');

export function uploadWorkbook(req: Request, res: Response, next: NextFunction) {
  if (Number(req.get('content-length') ?? 0) > WORKBOOK_MAX_BYTES + 64 * 1024)
    return next(new HttpError(413, 'TOO_LARGE', `the file exceeds the limit of ${WORKBOOK_MAX_BYTES} bytes`));
  parse(req, res, (error?: unknown) => {
    if (!error) return next();
    if ((error as { code?: string }).code === 'LIMIT_FILE_SIZE')
      return next(
        new HttpError(413, 'TOO_LARGE', `the file exceeds the limit of ${WORKBOOK_MAX_BYTES} bytes`),
      );
    const message =
      (error as Error).name === 'MulterError'
        ? `${(error as Error).message} (send one file in the field "file")`
        : guardMessage(req, 'MULTIPART', String((error as Error).message).slice(0, 200));
    next(badRequest(`file: ${message}`, { file: message }));
  });
}

/** The uploaded workbook's bytes, or a refusal naming the field. */
export function uploadedWorkbook(req: Request): Buffer {
  if (!req.file)
    throw badRequest('file: required (multipart/form-data with the workbook in the field "file")', {
      file: 'required',
    });
  return req.file.buffer;
}
