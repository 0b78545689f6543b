// Rules behind the forms (issue 13) as plain functions: Enter in a date picker confirms the date and
// does not submit the form; a new checkpoint's default date falls before the self-check opens (Art. 8);
// the comprehensive weights move to 8/4/3 when a third party is engaged (Art. 11; SPEC §4); evidence
// chosen for one unit is never sent for another (a second record starts with no stale file ids).

const DAY_MS = 24 * 60 * 60 * 1000;

/** True for an Enter key pressed inside an antd date/time picker (its input or panel). */
export function isEnterInDatePicker(event: {
  key: string;
  target: { closest?: (selector: string) => unknown } | null;
}): boolean {
  return event.key === 'Enter' && Boolean(event.target?.closest?.('.ant-picker, .ant-picker-dropdown'));
}

/**
 * A new checkpoint's default due date: 30 days from now, but never on or after the day the self-check
 * opens (a checkpoint due then blocks publication, Art. 8): then the day before it opens, or now.
 */
export function defaultCheckpointDueAt(now: Date, selfCheckOpensAt?: string | null): Date {
  const inThirtyDays = new Date(now.getTime() + 30 * DAY_MS);
  if (!selfCheckOpensAt) return inThirtyDays;
  const opens = Date.parse(selfCheckOpensAt);
  if (!Number.isFinite(opens) || inThirtyDays.getTime() < opens) return inThirtyDays;
  const dayBefore = opens - DAY_MS;
  return new Date(Math.max(dayBefore, now.getTime()));
}

export interface ComprehensiveWeights {
  leader?: number;
  department?: number;
  thirdParty?: number;
}

/** The measures' comprehensive weights (Art. 11): 10/5 without a third party, 8/4/3 with one. */
export function comprehensiveDefaults(
  useThirdParty: boolean,
): Required<Pick<ComprehensiveWeights, 'leader' | 'department'>> & ComprehensiveWeights {
  return useThirdParty ? { leader: 8, department: 4, thirdParty: 3 } : { leader: 10, department: 5 };
}

/**
 * The weights after the third-party box changes: figures still at (or left empty for) the previous
 * default follow to the new default; a figure the office typed stays as typed.
 */
export function comprehensiveAfterToggle(
  current: ComprehensiveWeights | undefined,
  useThirdParty: boolean,
): ComprehensiveWeights {
  const previous = comprehensiveDefaults(!useThirdParty);
  const next = comprehensiveDefaults(useThirdParty);
  const follow = (key: 'leader' | 'department') =>
    current?.[key] === undefined || current[key] === null || current[key] === previous[key]
      ? next[key]
      : current[key];
  return {
    leader: follow('leader'),
    department: follow('department'),
    ...(useThirdParty ? { thirdParty: current?.thirdParty ?? 3 } : {}),
  };
}

/** Evidence chosen in a form, remembered with the unit it was uploaded for. */
export interface EvidenceDraft {
  unitId?: string;
  ids: string[];
}

export const emptyEvidenceDraft = (): EvidenceDraft => ({ ids: [] });

/** The ids to send for `unitId`: only files chosen for that same unit (never stale ones of another). */
export function evidenceIdsFor(draft: EvidenceDraft, unitId: string | undefined): string[] {
  return unitId && draft.unitId === unitId ? [...draft.ids] : [];
}
