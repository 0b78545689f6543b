// Creating the next cycle once one exists (issue 14): from an earlier year as a template (the default,
// since offices reuse last year's targets with changes) or blank.
import { Card, Radio } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useSession } from '../session/SessionProvider';
import { CopyCycleForm } from './CopyCycleForm';

export function NewCycleCard({ blank }: { blank: ReactNode }) {
  const { t } = useI18n();
  const { cycles, reloadCycles, setYear } = useSession();
  const [mode, setMode] = useState<'template' | 'blank'>('template');
  return (
    <Card title={t('copyCycle.title')} data-testid="new-cycle">
      <Radio.Group
        value={mode}
        onChange={(event) => setMode(event.target.value as 'template' | 'blank')}
        style={{ marginBottom: 16 }}
        options={[
          { value: 'template', label: t('copyCycle.fromTemplate') },
          { value: 'blank', label: t('copyCycle.blank') },
        ]}
      />
      {mode === 'template' ? (
        <CopyCycleForm
          years={cycles.map((cycle) => cycle.year)}
          onCreated={(year) => void reloadCycles().then(() => setYear(year))}
        />
      ) : (
        blank
      )}
    </Card>
  );
}
