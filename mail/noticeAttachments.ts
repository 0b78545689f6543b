// Real attachments for the one notice that carries files: the failing unit's accepted explanation
// forwarded to its party committee (Art. 21, EXPLANATION_FORWARDED). The committee has no login
// (SPEC §1), so a link would not open for it: files are attached while the email stays under a size cap
// (ATTACHMENT_CAP_BYTES in all); a file beyond it is listed with its SHA-256 as kept by the assessment
// office, not linked. The same rule runs when the notice is drafted (its text says which files are
// attached) and when it is delivered (the bytes are read from stored evidence and checked against the
// recorded SHA-256), so what the text says and what arrives cannot differ.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../prisma/client';

/** Most SMTP servers accept 10-25 MB per message; base64 adds a third, so 10 MB of files stays well under. */
export const ATTACHMENT_CAP_BYTES = 10 * 1024 * 1024;

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

interface StoredFile {
  id: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  storagePath: string;
}

/** The accepted explanation's files, in upload order (the order the notice lists them). */
export async function explanationFiles(db: Db, cycleId: string, unitId: string): Promise<StoredFile[]> {
  const explanation = await db.explanation.findUnique({
    where: { cycleId_unitId: { cycleId, unitId } },
    select: { id: true },
  });
  if (!explanation) return [];
  return db.evidenceFile.findMany({
    where: { explanationId: explanation.id, deletedAt: null },
    orderBy: [{ uploadedAt: 'asc' }, { id: 'asc' }],
  });
}

/** Which files go with the email: in order, while the running total stays within the cap. */
export function attachedUnderCap<File extends { sizeBytes: number }>(
  files: File[],
  cap = ATTACHMENT_CAP_BYTES,
): (File & { attached: boolean })[] {
  let total = 0;
  return files.map((file) => {
    const attached = total + file.sizeBytes <= cap;
    if (attached) total += file.sizeBytes;
    return { ...file, attached };
  });
}

export class AttachmentUnavailableError extends Error {
  override name = 'AttachmentUnavailableError';
}

/** The attachments a stored notice carries (none for every other event). */
export async function noticeAttachments(
  db: Db,
  notice: { event: string; cycleId: string | null; unitId: string | null },
  evidenceDir: string | undefined,
): Promise<MailAttachment[]> {
  if (notice.event !== 'EXPLANATION_FORWARDED' || !notice.cycleId || !notice.unitId) return [];
  const files = attachedUnderCap(await explanationFiles(db, notice.cycleId, notice.unitId)).filter(
    (file) => file.attached,
  );
  if (files.length === 0) return [];
  if (!evidenceDir)
    throw new AttachmentUnavailableError(
      'no evidence folder configured: the explanation’s files cannot be attached',
    );
  const root = path.resolve(evidenceDir);
  return Promise.all(
    files.map(async (file) => {
      const absolute = path.resolve(root, file.storagePath);
      if (!absolute.startsWith(root + path.sep))
        throw new AttachmentUnavailableError(`evidence ${file.id}: its path leaves the evidence folder`);
      const content = await fs.promises.readFile(absolute).catch(() => {
        throw new AttachmentUnavailableError(
          `evidence ${file.id} (${file.originalName}) is missing from storage`,
        );
      });
      // Never send a file other than the one the unit submitted and the text lists.
      if (createHash('sha256').update(content).digest('hex') !== file.sha256)
        throw new AttachmentUnavailableError(
          `evidence ${file.id} (${file.originalName}) does not match its SHA-256`,
        );
      return { filename: file.originalName, content, contentType: file.mimeType };
    }),
  );
}
