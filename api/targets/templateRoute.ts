// GET the targets template (指标体系模板): the three sheets with their headers, drop-down lists of
// groups (Art. 12), departments and units, and one example row each, which the import skips.
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { requireRole } from '../auth/access';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { findCycle, yearParams } from '../cycles/shared';
import { buildTargetWorkbook, XLSX } from './targetWorkbook';
import { importContextOf } from './targetsOfCycle';
import { attachment, workbookLocale } from './workbookLocale';

export const TARGET_WORKBOOK_ROLES = ['OFFICE'] as const;
const binary = z
  .custom<Buffer>((value) => Buffer.isBuffer(value))
  .openapi({ type: 'string', format: 'binary' });

export function targetTemplateRoute(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('');
  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/targets/template.xlsx',
      summary:
        'The targets workbook template: indicator, checkpoint and non-undertaking sheets with drop-down lists and an example row (headers in the user’s language)',
      tags: ['targets'],
      roles: [...TARGET_WORKBOOK_ROLES],
      params: yearParams,
      response: { schema: binary, contentType: XLSX, description: 'the template' },
      errors: [404],
    },
    requireRole(db, ...TARGET_WORKBOOK_ROLES),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const cycle = await findCycle(db, year);
      const context = await importContextOf(db, cycle);
      const locale = workbookLocale(req);
      const buffer = await buildTargetWorkbook({ locale, example: true, indicators: [], ...context });
      res.setHeader('Content-Type', XLSX);
      res.setHeader(
        'Content-Disposition',
        attachment(locale === 'en' ? `targets-template-${year}.xlsx` : `${year}年度指标体系模板.xlsx`),
      );
      res.setHeader('Cache-Control', 'private, no-store');
      res.send(buffer);
    },
  );
  return router;
}
