// A unit by name in the screen's language: the English name where the structure has one (issue 13),
// the Chinese name otherwise, never its id when the unit is known.
import type { Locale } from '../i18n/messages';

export function unitNameFinder(
  units: readonly { id: string; code?: string; name: string; nameEn?: string | null }[],
  locale: Locale,
): (idOrCode: string) => string {
  return (idOrCode) => {
    const unit = units.find((row) => row.id === idOrCode || row.code === idOrCode);
    if (!unit) return idOrCode;
    return (locale === 'en' && unit.nameEn) || unit.name;
  };
}
