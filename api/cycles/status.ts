// The running cycle's stage, deadlines, checkpoint rounds and approval state, from the workflow with the
// read model's facts (SPEC §2); before publication, and just after it, from the read model alone.
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser } from '../auth/access';
import { withFacts } from './statusFacts';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { loadCheckpointRoundStates } from '../readModel/checkpointRoundStates';
import { instant } from '../openapi/responseSchemas';
import { cycleStage } from './rows';
import { findCycle, yearParams } from './shared';

const TAGS = ['cycle configuration'];

const explanationState = z.object({
  unitId: z.string(),
  dueAt: z.string(),
  status: z.enum(['PENDING', 'SUBMITTED', 'RETURNED', 'ACCEPTED']),
  revision: z.int(),
  late: z.boolean(),
});
export const cycleStatusResponse = z.object({
  status: z.union([
    z
      .object({ stage: cycleStage, published: z.literal(false) })
      .describe('not published yet: no workflow runs'),
    z
      .object({ stage: cycleStage, published: z.literal(true), starting: z.literal(true) })
      .describe('just published: the workflow is still loading its setup'),
    z
      .object({
        cycleId: z.string(),
        year: z.int(),
        stage: cycleStage,
        deadlines: z.object({
          selfCheckDueAt: z.string(),
          verificationDueAt: z.string(),
          evaluationDueAt: z.string(),
        }),
        rounds: z
          .array(
            z.object({
              key: z.string(),
              dueAt: instant,
              closed: z.boolean(),
              checkpointIds: z.array(z.string()),
            }),
          )
          .describe('checkpoint rounds from the read model, as on the dashboard (closed by hand or by date)'),
        rankingsReceived: z.array(z.string()).describe('`kind:evaluatorKey:categoryId`'),
        approvalRound: z.int(),
        approvalOpen: z.boolean(),
        failingUnitIds: z.array(z.string()),
        explanations: z.array(explanationState),
        explanationsAccepted: z.array(z.string()),
        feedbackConfirmed: z.array(z.string()),
        feedbackRecorded: z.array(z.string()),
      })
      .describe('the running cycle'),
  ]),
});

export function cycleStatusRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/status',
      summary: 'The running cycle’s stage, deadlines, checkpoint rounds and approval state',
      response: { schema: cycleStatusResponse },
      tags: TAGS,
      roles: 'any',
      params: yearParams,
      errors: [404],
    },
    async (req, res) => {
      currentUser(req);
      const { year } = yearParams.parse(req.params);
      const cycle = await findCycle(db, year);
      if (!cycle.publishedAt) return res.json({ status: { stage: 'TARGET_SETTING', published: false } });
      try {
        const status = await deps.cycles.status(cycle.workflowId);
        // Rounds come from the read model, as on the dashboard: closed after the office closed the stage
        // by hand (Art. 8) even though the round's own due date is still ahead.
        const rounds = (await loadCheckpointRoundStates(db, cycle)).map((round) => ({
          key: round.key,
          dueAt: round.dueAt,
          closed: round.closed,
          checkpointIds: round.checkpoints.map((checkpoint) => checkpoint.id),
        }));
        res.json({ status: { ...(await withFacts(db, cycle, status)), rounds } });
      } catch (error) {
        // Just after publication the workflow is still loading its setup and has no query handler yet:
        // answer from the read model rather than fail.
        if (
          /did not register a handler/.test(
            String((error as { cause?: { details?: string } }).cause?.details ?? (error as Error).message),
          )
        ) {
          return res.json({ status: { stage: cycle.stage, published: true, starting: true } });
        }
        throw error;
      }
    },
  );

  return router;
}
