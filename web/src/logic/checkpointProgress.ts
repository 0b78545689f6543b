// Dynamic monitoring of checkpoint rounds (Art. 8): per round, how many units are on time, late or
// missing, from the dashboard's per-unit statuses.

/** PENDING: not submitted yet, due date not passed; NOT_UNDERTAKEN: none of the round's indicators (Art. 12). */
export type ProgressStatus = 'ON_TIME' | 'LATE' | 'MISSING' | 'PENDING' | 'NOT_UNDERTAKEN';
export const PROGRESS_STATUSES: readonly ProgressStatus[] = ['ON_TIME', 'LATE', 'MISSING', 'PENDING'];

export interface RoundUnitStatus {
  unitId: string;
  unitName?: string;
  /** The English name where the structure has one. */
  unitNameEn?: string | null;
  status: ProgressStatus;
}

export function roundCounts(units: readonly RoundUnitStatus[]): Record<ProgressStatus, number> {
  const counts: Record<ProgressStatus, number> = {
    ON_TIME: 0,
    LATE: 0,
    MISSING: 0,
    PENDING: 0,
    NOT_UNDERTAKEN: 0,
  };
  for (const unit of units) if (unit.status in counts) counts[unit.status] += 1;
  return counts;
}

/**
 * The dashboard's rounds in one shape, whatever the server calls the per-unit list (units / statuses /
 * progress): [{key, dueAt, closed, units: [{unitId, unitName, status}]}].
 */
export function normalizeRounds(
  raw: unknown,
): { key: string; dueAt: string; closed: boolean; units: RoundUnitStatus[] }[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((round: Record<string, unknown>, index) => {
    const list = (round.units ?? round.statuses ?? round.progress ?? []) as Record<string, unknown>[];
    return {
      key: String(round.key ?? round.roundKey ?? index + 1),
      dueAt: String(round.dueAt ?? ''),
      closed: Boolean(round.closed),
      units: Array.isArray(list)
        ? list.map((unit) => ({
            unitId: String(unit.unitId ?? unit.id ?? ''),
            unitName: (unit.unitName ?? unit.name ?? (unit.unit as { name?: string } | undefined)?.name) as
              string | undefined,
            unitNameEn: (unit.unitNameEn ?? null) as string | null,
            status: String(unit.status ?? 'MISSING') as ProgressStatus,
          }))
        : [],
    };
  });
}
