// A failed call shown where it happened, in the user's language (logic/errorText.ts): a text for the
// refusal's code and each field's rule under its label; a plain note when the route is not there yet.
import { Alert } from 'antd';
import { ApiError, isMissingRoute } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import type { Locale } from '../i18n/messages';
import { localizeError } from '../logic/errorText';

export function ErrorNotice({ error }: { error: unknown }) {
  const { t, locale } = useI18n();
  if (!error) return null;
  if (isMissingRoute(error)) return <Alert type="info" showIcon title={t('app.notAvailable')} />;
  const localized = localizeError(asApiError(error), locale);
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      title={localized.title}
      description={
        localized.fields.length ? (
          <ul>
            {localized.fields.map((field) => (
              <li key={field.path}>{field.label ? `${field.label}：${field.text}` : field.text}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

const asApiError = (error: unknown) =>
  error instanceof ApiError ? error : { code: 'INTERNAL', message: String(error), fields: {} };

/** One line for a toast: the localized title and, when there is one, the first field's rule. */
export const errorMessage = (error: unknown, locale: Locale) => {
  const localized = localizeError(asApiError(error), locale);
  const first = localized.fields[0];
  return first ? `${localized.title}：${first.label ? `${first.label} ` : ''}${first.text}` : localized.title;
};
