// Checkpoints due at the same moment form one round (Art. 8: 节点): one reminder, one close, one
// verification window for all of them.
export interface CheckpointRef {
  id: string;
  code: string;
  dueAt: string; // ISO
}

export interface CheckpointRound {
  key: string; // the due date, yyyy-mm-dd (unique per cycle)
  dueAt: string;
  checkpoints: CheckpointRef[];
}

export function groupCheckpointRounds(checkpoints: CheckpointRef[]): CheckpointRound[] {
  const byDue = new Map<string, CheckpointRef[]>();
  for (const checkpoint of checkpoints) {
    const dueAt = new Date(checkpoint.dueAt).toISOString();
    byDue.set(dueAt, [...(byDue.get(dueAt) ?? []), checkpoint]);
  }
  return [...byDue.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([dueAt, refs]) => ({
      key: dueAt.replace(/[:.]/g, '-'),
      dueAt,
      checkpoints: refs.sort((a, b) => a.code.localeCompare(b.code)),
    }));
}
