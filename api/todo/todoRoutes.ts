// GET /me/todo (待办, issue 14): what the signed-in person must do now, with deadlines, time left and
// the page that does it, and the badge count of each menu entry. Each person sees only their own:
// a unit its unit's items, a member or department its own rankings and votes.
import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser } from '../auth/access';
import { describeRoute } from '../openapi/describeRoute';
import { todoCounts } from '../../domain/todo/todoItems';
import { loadTodo } from './todoReadModel';

export const todoSchema = z.object({
  now: z.string().describe('the server time the items were computed at (ISO 8601)'),
  items: z.array(
    z.object({
      kind: z.enum([
        'CHECKPOINT_EVIDENCE',
        'SELF_CHECK',
        'FEEDBACK_CONFIRMATION',
        'EXPLANATION_DUE',
        'EXPLANATION_RETURNED',
        'RANKING',
        'VOTE',
        'THIRD_PARTY_SCORES',
        'CHECKPOINT_VERIFICATION',
        'YEAR_END_VERIFICATION',
        'EXPLANATION_REVIEW',
        'FAILED_NOTICE',
      ]),
      cycleYear: z.number(),
      targets: z.array(z.string()).describe('names of what the item is about (checkpoints, units, …)'),
      count: z.number(),
      round: z.number().optional(),
      dueAt: z.string().nullable(),
      msLeft: z.number().nullable().describe('milliseconds until dueAt, negative once overdue'),
      overdue: z.boolean(),
      page: z.string().describe('the menu entry that does it (web PageKey)'),
    }),
  ),
  counts: z.record(z.string(), z.number()).describe('menu entry → number of things to do behind it'),
  total: z.number(),
});

describeRoute({
  method: 'get',
  path: '/me/todo',
  summary: "The signed-in person's to-do (待办): items with deadline, time left and page; menu badge counts",
  description:
    'Units: missing checkpoint evidence and self-check, feedback to confirm, explanation due or returned. ' +
    'Members and departments: missing rankings; members: a pending vote. Office: verification queue, ' +
    'explanations to review, failed notices. Read from PostgreSQL; cheap enough to poll.',
  tags: ['todo'],
  roles: 'any',
  response: { schema: todoSchema },
  errors: [401],
});

export function todoRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get('/me/todo', async (req, res) => {
    const user = currentUser(req);
    const now = deps.now ? await deps.now() : new Date();
    const items = await loadTodo(deps.db, user, now);
    const counts = todoCounts(items);
    const body: z.infer<typeof todoSchema> = {
      now: now.toISOString(),
      items,
      counts,
      total: items.reduce((sum, row) => sum + row.count, 0),
    };
    res.json(body);
  });
  return router;
}
