// GET a cycle's targets as the same workbook the import reads (round trip: export → import gives the
// same indicators, checkpoints and non-undertaking units).
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser, requireRole } from '../auth/access';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { writeAudit } from '../../db/audit';
import { findCycle, yearParams } from '../cycles/shared';
import { buildTargetWorkbook, XLSX } from './targetWorkbook';
import { currentTargets, importContextOf } from './targetsOfCycle';
import { attachment, workbookLocale } from './workbookLocale';

const EXPORT_ROLES = ['OFFICE', 'ADMIN', 'LEADER', 'PARTY_MEMBER'] as const;
const binary = z
  .custom<Buffer>((value) => Buffer.isBuffer(value))
  .openapi({ type: 'string', format: 'binary' });

export function targetExportRoute(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('');
  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/targets/export.xlsx',
      summary: "The cycle's targets as a workbook in the import's format (round trip)",
      tags: ['targets'],
      roles: [...EXPORT_ROLES],
      params: yearParams,
      response: { schema: binary, contentType: XLSX, description: 'the targets' },
      errors: [404],
    },
    requireRole(db, ...EXPORT_ROLES),
    async (req, res) => {
      const actor = currentUser(req);
      const { year } = yearParams.parse(req.params);
      const cycle = await findCycle(db, year);
      const [context, indicators] = await Promise.all([
        importContextOf(db, cycle),
        currentTargets(db, cycle.id),
      ]);
      const locale = workbookLocale(req);
      const buffer = await buildTargetWorkbook({ locale, indicators, ...context });
      await writeAudit(db, {
        cycleId: cycle.id,
        actor,
        action: 'targets.export.xlsx',
        targetType: 'Cycle',
        targetId: cycle.id,
        ip: req.ip,
      });
      res.setHeader('Content-Type', XLSX);
      res.setHeader(
        'Content-Disposition',
        attachment(locale === 'en' ? `targets-${year}.xlsx` : `${year}年度指标体系.xlsx`),
      );
      res.setHeader('Cache-Control', 'private, no-store');
      res.send(buffer);
    },
  );
  return router;
}
