// Result exports for the office and the party group (Art. 18): the Excel workbook and the result notice
// (通报) as Word, generated from the stored results (exceljs, docx).
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser, requireRole } from '../auth/access';
import { HttpError, notFound } from '../errors';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { writeAudit } from '../../db/audit';
import { loadResultExportData } from './resultExportData';
import { buildResultsWorkbook } from './resultsWorkbook';
import { buildResultNotice } from './resultNotice';

const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const EXPORT_ROLES = ['OFFICE', 'LEADER', 'PARTY_MEMBER'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const binary = z
  .custom<Buffer>((value) => Buffer.isBuffer(value))
  .openapi({ type: 'string', format: 'binary' });

const attachment = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function exportRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('');

  const load = async (year: number) => {
    const data = await loadResultExportData(db, year);
    if (!data) throw notFound(`cycle ${year}`);
    if (data.results.length === 0)
      throw new HttpError(409, 'WRONG_STAGE', `cycle ${year} has no scored results yet (Art. 10–17)`);
    return data;
  };

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/export/results.xlsx',
      summary:
        'The scored results as an Excel workbook: totals by category and rank, and per-indicator lines citing articles',
      tags: ['results'],
      roles: [...EXPORT_ROLES],
      params: yearParams,
      response: { schema: binary, contentType: XLSX, description: 'the workbook' },
      errors: [404, 409],
    },
    requireRole(db, ...EXPORT_ROLES),
    async (req, res) => {
      const actor = currentUser(req);
      const { year } = yearParams.parse(req.params);
      const data = await load(year);
      const buffer = await buildResultsWorkbook(data);
      await writeAudit(db, {
        actor,
        action: 'results.export.xlsx',
        targetType: 'Cycle',
        targetId: String(year),
        ip: req.ip,
      });
      res.setHeader('Content-Type', XLSX);
      res.setHeader('Content-Disposition', attachment(`${year}年度考核结果.xlsx`));
      res.setHeader('Cache-Control', 'private, no-store');
      res.send(buffer);
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/export/notice.docx',
      summary:
        'The result notice (通报) as a Word document with the federation heading; a draft until the party group approves (Art. 18)',
      tags: ['results'],
      roles: [...EXPORT_ROLES],
      params: yearParams,
      response: { schema: binary, contentType: DOCX, description: 'the notice' },
      errors: [404, 409],
    },
    requireRole(db, ...EXPORT_ROLES),
    async (req, res) => {
      const actor = currentUser(req);
      const { year } = yearParams.parse(req.params);
      const data = await load(year);
      const buffer = await buildResultNotice(data);
      await writeAudit(db, {
        actor,
        action: 'results.export.notice',
        targetType: 'Cycle',
        targetId: String(year),
        ip: req.ip,
      });
      res.setHeader('Content-Type', DOCX);
      res.setHeader(
        'Content-Disposition',
        attachment(`${year}年度考核结果通报${data.approvedAt ? '' : '（草稿）'}.docx`),
      );
      res.setHeader('Cache-Control', 'private, no-store');
      res.send(buffer);
    },
  );

  return router;
}
