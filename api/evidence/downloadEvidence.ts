// Downloading an evidence file: the bytes with the type detected at upload and their SHA-256, as an
// attachment that runs no script should a browser still show it.
import fs from 'node:fs';
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { requireRole } from '../auth/access';
import { notFound } from '../errors';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { absoluteEvidencePath } from './evidenceStorage';
import { EVIDENCE_READER_ROLES } from './evidenceAccess';
import { evidenceParams, findReadable } from './evidenceRows';

/** RFC 6266/5987: an ASCII fallback and the UTF-8 name (Chinese file names survive the download). */
function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function downloadEvidenceRoutes(deps: ApiDeps): Router {
  const { db, settings } = deps;
  const router = apiRouter('');

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
      const row = await findReadable(db, req);
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

  return router;
}
