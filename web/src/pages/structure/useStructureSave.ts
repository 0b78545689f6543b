// One way for the structure tabs to save: success with the time, server field errors next to their fields,
// other refusals in a toast — the typed values stay in the form.
import { App, type FormInstance } from 'antd';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/I18nProvider';
import { formFieldErrors } from '../../logic/apiError';
import { fieldTranslator } from '../../logic/errorText';
import { formatDate } from '../../logic/format';

export function useStructureSave() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  return async (
    action: () => Promise<unknown>,
    options: {
      form?: FormInstance;
      fields?: readonly string[];
      /** Takes a refusal the page answers itself (e.g. with a confirm dialog): true = no toast. */
      handles?: (error: ApiError) => boolean;
    } = {},
  ): Promise<boolean> => {
    try {
      await action();
      message.success(t('structure.savedAt', { time: formatDate(new Date().toISOString(), locale, true) }));
      return true;
    } catch (caught) {
      if (caught instanceof ApiError && options.handles?.(caught)) return false;
      if (caught instanceof ApiError && options.form && options.fields)
        options.form.setFields(
          formFieldErrors(caught, options.fields, fieldTranslator(locale)).fields as never,
        );
      message.error(errorMessage(caught, locale));
      return false;
    }
  };
}
