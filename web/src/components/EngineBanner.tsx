// The banner every signed-in page shows while the workflow engine starts (issue 14): what works already
// (signing in, setting targets) and roughly how long until publishing opens by itself.
import { Alert } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { minutesLeft, useEngine } from '../session/useEngine';

export function EngineBanner() {
  const { t } = useI18n();
  const engine = useEngine();
  if (engine.ready) return null;
  const minutes = minutesLeft(engine.estimatedSecondsLeft);
  return (
    <Alert
      type="info"
      showIcon
      role="status"
      data-testid="engine-banner"
      style={{ marginBottom: 16 }}
      title={minutes ? t('engine.startingMinutes', { minutes }) : t('engine.starting')}
      description={t('engine.startingHelp')}
    />
  );
}
