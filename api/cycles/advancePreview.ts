// GET /cycles/:year/advance-preview: what "进入下一阶段" would do now (issue 13), so the office's dialog
// names the consequence before it acts: which checkpoint rounds close at once and how many units have
// not submitted, how many units are outstanding for the self-check or verification, which notices go
// out; or why the stage cannot be left by hand and when it ends on its own (Art. 8, 13).
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { requireRole } from '../auth/access';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { advancePreview } from '../../domain/cycle/advancePreview';
import { CYCLE_STAGES, type CycleStage } from '../../domain/cycle/stages';
import { evaluationProgress } from '../../facts/evaluationFacts';
import { buildDashboard } from '../dashboard/buildDashboard';
import { loadStageProgress } from '../readModel/stageProgress';
import { findCycle, yearParams } from './shared';

const stage = z.enum(CYCLE_STAGES);
export const advancePreviewSchema = z.object({
  stage,
  next: stage,
  allowed: z.boolean(),
  reason: z.enum(['NOT_PUBLISHED', 'OWN_CONDITIONS', 'MINIMUM_NOT_MET', 'CLOSED']).nullable(),
  endsAt: z.string().nullable().describe('when the current stage ends on its own (its deadline)'),
  closesRounds: z.array(
    z.object({ key: z.string(), number: z.number(), dueAt: z.string(), pending: z.number() }),
  ),
  unitsOutstanding: z.number(),
  unitCount: z.number(),
  evaluatorsMissing: z.array(z.string()),
  notices: z.array(z.string()).describe('notice events (mail/noticeEvents.ts) the advance sends'),
});

/** The deadline field that ends each stage by itself, and the extension target that moves it. */
const STAGE_DEADLINE: Partial<
  Record<
    CycleStage,
    {
      field: 'selfCheckOpensAt' | 'selfCheckDueAt' | 'verificationDueAt' | 'evaluationDueAt';
      target?: string;
    }
  >
> = {
  CHECKPOINTS: { field: 'selfCheckOpensAt' },
  SELF_CHECK: { field: 'selfCheckDueAt', target: 'SELF_CHECK' },
  VERIFICATION: { field: 'verificationDueAt', target: 'VERIFICATION' },
  EVALUATION: { field: 'evaluationDueAt', target: 'EVALUATION' },
};

export function advancePreviewRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/advance-preview',
      summary: 'What advancing the stage by hand would do now, or why it is not possible',
      description:
        'Only CHECKPOINTS, SELF_CHECK, VERIFICATION and EVALUATION (once the Art. 13 minimum is met) can be left by hand; ' +
        'the others end on their own conditions. Nothing changes.',
      tags: ['stages'],
      roles: ['OFFICE'],
      params: yearParams,
      response: { schema: advancePreviewSchema },
      errors: [404],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const cycle = await findCycle(db, year);
      const current = cycle.stage as CycleStage;
      const deadline = STAGE_DEADLINE[current];
      const [dashboard, progress, evaluation, extension] = await Promise.all([
        buildDashboard(db, year, undefined, false),
        loadStageProgress(db, cycle),
        current === 'EVALUATION' ? evaluationProgress(db, cycle) : Promise.resolve(null),
        deadline?.target
          ? db.deadlineExtension.findFirst({
              where: { cycleId: cycle.id, target: deadline.target },
              orderBy: { createdAt: 'desc' },
            })
          : Promise.resolve(null),
      ]);
      const endsAt = deadline ? (extension?.newDueAt ?? cycle[deadline.field]).toISOString() : null;
      const preview = advancePreview({
        stage: current,
        published: Boolean(cycle.publishedAt),
        rounds: dashboard.checkpointRounds.map((round) => ({
          key: round.key,
          dueAt: round.dueAt,
          closed: round.closed,
          pending: round.counts.PENDING ?? 0,
        })),
        unitCount: progress.selfCheck.total,
        selfCheckUnits: progress.selfCheck.done,
        verifiedUnits: progress.verification.done,
        evaluationMinimumMet: evaluation?.minimumMet ?? false,
        evaluatorsMissing: (progress.rankings ?? [])
          .filter((row) => row.done < row.total)
          .map((row) => row.name),
        endsAt,
      });
      res.json(advancePreviewSchema.parse(preview));
    },
  );

  return router;
}
