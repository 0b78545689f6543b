// How a checkpoint is named on screen. Its name is what the office typed, in Chinese; the model keeps no
// English name for it (prisma/schema.prisma, Checkpoint; unlike units, categories and indicators). So an
// English screen names it by its code and due date, which read the same in every language, rather than
// show Chinese text.
import { formatDate } from './format';
import { translate, type Locale } from '../i18n/messages';

export function checkpointLabel(
  checkpoint: { code: string; name: string; dueAt?: string | null } | undefined,
  locale: Locale,
): string {
  if (!checkpoint) return '—';
  if (locale !== 'en') return checkpoint.name;
  return checkpoint.dueAt
    ? translate(locale, 'checkpoint.neutralLabel', {
        code: checkpoint.code,
        due: formatDate(checkpoint.dueAt, locale),
      })
    : checkpoint.code;
}
