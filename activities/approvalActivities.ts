// Party-group approval (Art. 18). Submitting freezes every scoring input and the configuration with a
// content hash; members vote on that snapshot; every round and vote is kept.
import { createHash } from 'node:crypto';
import type { ActivityDeps } from './deps';
import { writeAudit } from './audit';
import { loadScoringInput } from './scoringInput';
import type { VoteInput } from '../workflows/contract';

/** Canonical JSON (sorted keys) so the same inputs always hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The frozen snapshot a round votes on (every scoring input and the stored results) and its hash; the
 * approval page compares the current one with the last round's to warn of an identical resubmission.
 */
export async function approvalSnapshot(db: ActivityDeps['db'], cycleId: string) {
  const scoringInput = await loadScoringInput(db, cycleId);
  const results = await db.unitResult.findMany({ where: { cycleId }, orderBy: { unitId: 'asc' } });
  const snapshot = JSON.parse(
    canonicalJson({
      scoringInput,
      results: results.map((result) => ({
        unitId: result.unitId,
        total: result.total.toString(),
        finalGrade: result.finalGrade,
        categoryRank: result.categoryRank,
        opinion: result.opinion,
      })),
    }),
  ) as { results: { unitId: string; total: string; finalGrade: string; categoryRank: number }[] };
  const snapshotHash = createHash('sha256').update(canonicalJson(snapshot)).digest('hex');
  return { snapshot, snapshotHash };
}

export function approvalActivities({ db }: ActivityDeps) {
  return {
    async openApprovalRound({
      cycleId,
      round,
      actorId,
      at,
    }: {
      cycleId: string;
      round: number;
      actorId: string;
      at: string;
    }) {
      const existing = await db.approvalRound.findUnique({
        where: { cycleId_number: { cycleId, number: round } },
      });
      if (existing) return { snapshotHash: existing.snapshotHash };
      const { snapshot, snapshotHash } = await approvalSnapshot(db, cycleId);
      await db.$transaction(async (tx) => {
        await tx.approvalRound.create({
          data: {
            cycleId,
            number: round,
            snapshot,
            snapshotHash,
            submittedById: actorId,
            submittedAt: new Date(at),
          },
        });
        await writeAudit(tx, {
          cycleId,
          action: 'approval.submit',
          targetType: 'ApprovalRound',
          targetId: String(round),
          actor: { userId: actorId, role: 'OFFICE' },
          after: { round, snapshotHash },
          at,
        });
      });
      return { snapshotHash };
    },

    async recordVote({
      cycleId,
      round,
      input,
      at,
    }: {
      cycleId: string;
      round: number;
      input: VoteInput;
      at: string;
    }) {
      const approvalRound = await db.approvalRound.findUniqueOrThrow({
        where: { cycleId_number: { cycleId, number: round } },
      });
      await db.$transaction(async (tx) => {
        await tx.approvalVote.upsert({
          where: { roundId_voterId: { roundId: approvalRound.id, voterId: input.actor.userId } },
          create: {
            roundId: approvalRound.id,
            voterId: input.actor.userId,
            decision: input.decision,
            comment: input.comment ?? '',
            votedAt: new Date(at),
          },
          update: {},
        });
        await writeAudit(tx, {
          cycleId,
          actor: input.actor,
          action: 'approval.vote',
          targetType: 'ApprovalRound',
          targetId: approvalRound.id,
          after: {
            round,
            decision: input.decision,
            comment: input.comment ?? '',
            snapshotHash: approvalRound.snapshotHash,
          },
          at,
        });
      });
    },

    async closeApprovalRound({
      cycleId,
      round,
      outcome,
      at,
    }: {
      cycleId: string;
      round: number;
      outcome: 'APPROVED' | 'REJECTED';
      at: string;
    }) {
      await db.$transaction(async (tx) => {
        const updated = await tx.approvalRound.update({
          where: { cycleId_number: { cycleId, number: round } },
          data: { status: outcome, decidedAt: new Date(at) },
        });
        await writeAudit(tx, {
          cycleId,
          action: 'approval.decide',
          targetType: 'ApprovalRound',
          targetId: updated.id,
          after: { round, outcome },
          at,
        });
      });
    },
  };
}
