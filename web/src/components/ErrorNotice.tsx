// A failed call shown where it happened: the server's message, and a plain note when the route is not there yet.
import { Alert } from 'antd';
import { ApiError, isMissingRoute } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';

export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  if (isMissingRoute(error))
    return (
      <Alert type="info" showIcon title={t('app.notAvailable', { detail: (error as ApiError).message })} />
    );
  const message = error instanceof ApiError ? error.message : String(error);
  const fields = error instanceof ApiError ? Object.entries(error.fields) : [];
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      title={t('app.error', { message })}
      description={
        fields.length ? (
          <ul>
            {fields.map(([field, text]) => (
              <li key={field}>{`${field}: ${text}`}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

export const errorMessage = (error: unknown) => (error instanceof ApiError ? error.message : String(error));
