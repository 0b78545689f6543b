// Art. 8 节点: before a round's due date, and again once it has passed, each unit that has not yet
// submitted evidence for some of the round's checkpoints is told which ones (CheckpointSubmission).
// One reminder and one overdue notice per unit and round: the round key is part of the idempotency key.
import { noticeProblem } from './noticeProblem';
import type { NoticeBuilder, NoticeDraft } from './noticeDraft';
import { draftNotice } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import { activeUnits, principalLeaderOf } from './noticeRecipients';

function roundParams(params: Record<string, unknown>) {
  const { roundKey, checkpointIds } = params;
  if (typeof roundKey !== 'string' || !roundKey)
    throw noticeProblem('params.roundKey: the checkpoint round is required');
  if (!Array.isArray(checkpointIds) || !checkpointIds.every((id) => typeof id === 'string')) {
    throw noticeProblem('params.checkpointIds: expected the ids of the round’s checkpoints');
  }
  return { roundKey, checkpointIds: checkpointIds as string[] };
}

export function checkpointNotice(template: 'CHECKPOINT_REMINDER' | 'CHECKPOINT_OVERDUE'): NoticeBuilder {
  return async ({ db, cycleId, at, publicUrl, params }) => {
    const { roundKey, checkpointIds } = roundParams(params);
    const { header } = await cycleHeader(db, cycleId, at);
    const checkpoints = await db.checkpoint.findMany({
      where: { cycleId, id: { in: checkpointIds } },
      include: { indicator: { include: { notUndertaken: true } }, submissions: { select: { unitId: true } } },
      orderBy: [{ indicator: { sortOrder: 'asc' } }, { code: 'asc' }],
    });
    if (checkpoints.length === 0) return [];
    // An extension moves every checkpoint of the round (activities/stageActivities.ts): one due date.
    const dueAt = new Date(Math.max(...checkpoints.map((checkpoint) => checkpoint.dueAt.getTime())));
    const drafts: NoticeDraft[] = [];
    for (const unit of await activeUnits(db, cycleId)) {
      const missing = checkpoints.filter(
        (checkpoint) =>
          !checkpoint.indicator.notUndertaken.some((row) => row.unitId === unit.id) && // Art. 12
          !checkpoint.submissions.some((submission) => submission.unitId === unit.id),
      );
      if (missing.length === 0) continue;
      const recipient = await principalLeaderOf(db, unit);
      if (!recipient) continue; // flagged by mail/recipientCheck.ts before publication
      drafts.push(
        draftNotice({
          cycleId,
          template,
          recipient,
          unitId: unit.id,
          repeat: [roundKey],
          data: {
            ...header,
            unitName: unit.name,
            portalUrl: portalUrl(publicUrl, 'unitTargets'),
            dueAt: dueAt.toISOString(),
            checkpoints: missing.map((checkpoint) => ({
              indicatorCode: checkpoint.indicator.code,
              indicatorName: checkpoint.indicator.name,
              code: checkpoint.code,
              name: checkpoint.name,
              standard: checkpoint.standard,
            })),
          },
        }),
      );
    }
    return drafts;
  };
}
