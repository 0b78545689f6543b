// An existing indicator (GET /cycles/:year) as the target editor's form values, so it can be edited in
// place before publication (PUT /cycles/:year/indicators/:code, Art. 8, 12). The code names the
// indicator and is not part of the PUT body.
import type { IndicatorGroup } from './weightSums';

export interface StoredIndicator {
  code: string;
  name: string;
  nameEn?: string | null;
  group: IndicatorGroup;
  weight: string | number;
  standard: string;
  department?: { code: string } | null;
  checkpoints: { code: string; name: string; dueAt: string; share: string | number; standard: string }[];
  notUndertaken: { unit: { code: string } }[];
}

export interface IndicatorFormValues {
  code: string;
  name: string;
  nameEn?: string;
  group: IndicatorGroup;
  weight: number;
  standard: string;
  departmentCode?: string;
  checkpoints: { code: string; name: string; dueAt: string; share: number; standard: string }[];
  notUndertakenBy: string[];
}

export function indicatorFormValues(indicator: StoredIndicator): IndicatorFormValues {
  return {
    code: indicator.code,
    name: indicator.name,
    // Kept so an edit does not drop the English name (the API takes a string or nothing, not null).
    ...(indicator.nameEn ? { nameEn: indicator.nameEn } : {}),
    group: indicator.group,
    weight: Number(indicator.weight),
    standard: indicator.standard ?? '',
    ...(indicator.department?.code ? { departmentCode: indicator.department.code } : {}),
    checkpoints: indicator.checkpoints.map((checkpoint) => ({
      code: checkpoint.code,
      name: checkpoint.name,
      dueAt: checkpoint.dueAt,
      share: Number(checkpoint.share),
      standard: checkpoint.standard ?? '',
    })),
    notUndertakenBy: indicator.notUndertaken.map((row) => row.unit.code),
  };
}

/** The PUT body: the form's values without the code (it is in the URL). */
export function indicatorUpdateBody<T extends { code?: string }>(values: T): Omit<T, 'code'> {
  const { code: _code, ...body } = values;
  void _code;
  return body;
}
