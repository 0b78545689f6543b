// What the dashboard answers (SPEC §2 "dynamic monitoring", Art. 8, 18, 19, 21), and how a unit's
// standing in a checkpoint round is summed up from its checkpoints.
import { z } from 'zod';
import { stageProgressSchema } from '../readModel/stageProgress';

const progressStatus = z.enum(['ON_TIME', 'LATE', 'MISSING', 'PENDING', 'NOT_UNDERTAKEN']);
export type ProgressStatus = z.infer<typeof progressStatus>;

export const dashboardSchema = z.object({
  cycle: z.object({
    id: z.string(),
    year: z.number(),
    title: z.string(),
    stage: z.string(),
    publishedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
  }),
  timeline: z.array(
    z.object({
      stage: z.string(),
      label: z.string(),
      labelEn: z.string(),
      article: z.string(),
      enteredAt: z.string().nullable(),
      current: z.boolean(),
    }),
  ),
  checkpointRounds: z.array(
    z.object({
      key: z.string(),
      dueAt: z.string(),
      closed: z.boolean(),
      checkpoints: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
      counts: z.record(progressStatus, z.number()),
      units: z.array(
        z.object({
          unitId: z.string(),
          unitCode: z.string(),
          unitName: z.string(),
          /** The unit's English name where the structure has one (the English screens show it). */
          unitNameEn: z.string().nullable(),
          status: progressStatus,
          checkpoints: z.array(
            z.object({
              checkpointId: z.string(),
              status: progressStatus,
              submittedAt: z.string().nullable(),
            }),
          ),
        }),
      ),
    }),
  ),
  explanations: z.array(
    z.object({
      unitId: z.string(),
      status: z.string(),
      dueAt: z.string(),
      overdue: z.boolean(),
      escalations: z.number(),
      late: z.boolean(),
    }),
  ),
  approvals: z.array(
    z.object({
      number: z.number(),
      status: z.string(),
      submittedAt: z.string(),
      decidedAt: z.string().nullable(),
      approvals: z.number(),
      rejections: z.number(),
    }),
  ),
  feedback: z.object({ recorded: z.number(), confirmed: z.number() }),
  notifications: z
    .object({
      byStatus: z.record(z.string(), z.number()),
      byEvent: z.record(z.string(), z.record(z.string(), z.number())),
    })
    .nullable(),
  /** Progress of the later stages (issue 13): self-check, verification, rankings, votes, confirmations. */
  progress: stageProgressSchema,
});

/**
 * A unit's standing in one round: MISSING once the round closed without a submission for any checkpoint
 * it undertakes, LATE if any came late, ON_TIME when all came in time, PENDING while it is still open.
 */
export function roundStatus(statuses: ProgressStatus[]): ProgressStatus {
  const relevant = statuses.filter((status) => status !== 'NOT_UNDERTAKEN');
  if (relevant.length === 0) return 'NOT_UNDERTAKEN';
  if (relevant.includes('MISSING')) return 'MISSING';
  if (relevant.includes('PENDING')) return 'PENDING';
  if (relevant.includes('LATE')) return 'LATE';
  return 'ON_TIME';
}
