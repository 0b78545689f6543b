// The selected cycle with its indicators, checkpoints and stage transitions (GET /cycles/:year), and
// its live status from the workflow (GET /cycles/:year/status).
import { useApi } from '../api/useApi';
import { useSession } from './SessionProvider';

export interface CheckpointRow {
  id: string;
  code: string;
  name: string;
  dueAt: string;
  share: string | number;
  standard: string;
}

export interface IndicatorRow {
  id: string;
  code: string;
  name: string;
  nameEn?: string | null;
  group: 'KEY_TASK' | 'INSTRUCTION' | 'MEETING';
  weight: string | number;
  standard: string;
  department?: { code: string; name: string } | null;
  checkpoints: CheckpointRow[];
  notUndertaken: { unitId: string; unit: { code: string } }[];
}

export interface CycleDetail {
  id: string;
  year: number;
  title: string;
  stage: string;
  publishedAt: string | null;
  scoringConfig: Record<string, unknown>;
  useThirdParty: boolean;
  explanationDays: number;
  selfCheckOpensAt: string;
  selfCheckDueAt: string;
  verificationDueAt: string;
  evaluationDueAt: string;
  indicators: IndicatorRow[];
  transitions: { stage: string; enteredAt: string; manual: boolean; note?: string | null }[];
}

export function useCycle() {
  const { year } = useSession();
  const detail = useApi<{ cycle: CycleDetail }>(year ? `/cycles/${year}` : null);
  return {
    year,
    cycle: detail.data?.cycle,
    error: detail.error,
    loading: detail.loading,
    reload: detail.reload,
  };
}

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  nameEn?: string | null;
  /** GET /units nests the category and leaves categoryId out. */
  categoryId?: string;
  category?: { id: string; code: string; name: string; nameEn?: string | null };
}

/**
 * Units with their categories (GET /units, engineer A): those of the selected cycle as it was published
 * (a later rename or deactivation leaves that year as it was, Art. 6; issue 14).
 */
export function useUnits() {
  const { year } = useSession();
  const units = useApi<{ units: UnitRow[] }>(year ? `/units?year=${year}` : '/units');
  return { units: units.data?.units ?? [], error: units.error };
}
