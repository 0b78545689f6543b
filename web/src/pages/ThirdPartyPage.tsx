// Third-party evaluation (Art. 9, 11): when the cycle engages a third party, its evaluator (or the
// office) enters a 0–100 score per unit. Each cell is checked as it is typed and the error stands next
// to it; the API's per-row errors go back to their cells; typed scores stay after a failed submit. The
// scores recorded so far show next to each cell, with who entered them and when (issue 13).
import { App, Alert, Button, Card, InputNumber, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { useApi } from '../api/useApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n/I18nProvider';
import { formatDate } from '../logic/format';
import { scoresByUnit, type SavedThirdPartyScore } from '../logic/savedState';
import { scoreErrorsByUnit, scoreProblems, thirdPartyBody } from '../logic/thirdPartyScores';
import { useSession } from '../session/SessionProvider';
import { useCycle, useUnits } from '../session/useCycle';

export function ThirdPartyPage() {
  const { t, locale } = useI18n();
  const { year } = useSession();
  const { cycle, error: cycleError } = useCycle();
  const { units } = useUnits();
  const { message } = App.useApp();
  const recorded = useApi<{ scores: SavedThirdPartyScore[] }>(
    year ? `/cycles/${year}/third-party-scores` : null,
  );
  const entered = scoresByUnit(recorded.data?.scores ?? []);
  const [drafts, setDrafts] = useState<Record<string, number | string | null>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);
  if (!year) return <Alert type="info" title={t('app.noCycle')} />;
  const problems = scoreProblems(drafts);
  const cellError = (unitId: string) =>
    problems[unitId] ? t(`thirdParty.${problems[unitId]}`) : serverErrors[unitId];

  const submit = async () => {
    setError(undefined);
    setFormError(undefined);
    if (Object.keys(problems).length) {
      setFormError(t('thirdParty.fixErrors'));
      return;
    }
    const body = thirdPartyBody(
      units.map((unit) => unit.id),
      drafts,
    );
    if (!body.scores.length) {
      setFormError(t('thirdParty.nothing'));
      return;
    }
    setSaving(true);
    try {
      const response = await api.post<{ recorded: number }>(`/cycles/${year}/third-party-scores`, body);
      message.success(t('thirdParty.recorded', { count: response?.recorded ?? body.scores.length }));
      setServerErrors({});
      setDrafts({});
      recorded.reload();
    } catch (caught) {
      // The typed scores stay; errors naming a row go next to that unit's cell.
      setError(caught);
      if (caught instanceof ApiError) setServerErrors(scoreErrorsByUnit(caught.fields, body).byUnit);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('menu.thirdParty')}
      </Typography.Title>
      <ErrorNotice error={cycleError ?? recorded.error} />
      {cycle && !cycle.useThirdParty ? <Alert type="info" showIcon title={t('thirdParty.notUsed')} /> : null}
      <Card title={t('thirdParty.title')}>
        <Alert type="info" title={t('thirdParty.help')} style={{ marginBottom: 12 }} />
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 500 }}
          dataSource={units}
          columns={[
            { title: t('results.unit'), dataIndex: 'name', width: 200 },
            {
              title: t('thirdParty.score'),
              render: (_, unit) => {
                const problem = cellError(unit.id);
                return (
                  <Space orientation="vertical" size={0}>
                    <InputNumber
                      aria-label={`${t('thirdParty.score')} ${unit.name}`}
                      data-testid={`third-party-score-${unit.code}`}
                      // No min/max clamp: a 120 stays visible with its error instead of silently becoming 100.
                      step={0.5}
                      style={{ width: 160 }}
                      status={problem ? 'error' : undefined}
                      // A typed draft, else the score recorded.
                      value={unit.id in drafts ? drafts[unit.id] : (entered.get(unit.id)?.score ?? null)}
                      onChange={(value) => {
                        setDrafts((current) => ({ ...current, [unit.id]: value }));
                        setServerErrors(({ [unit.id]: _dropped, ...rest }) => rest);
                      }}
                    />
                    {entered.has(unit.id) ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('thirdParty.saved', {
                          score: entered.get(unit.id)!.score,
                          who: entered.get(unit.id)!.enteredByName ?? '—',
                          at: formatDate(entered.get(unit.id)!.enteredAt, locale, true),
                        })}
                      </Typography.Text>
                    ) : null}
                    {problem ? (
                      <Typography.Text type="danger" role="alert">
                        {problem}
                      </Typography.Text>
                    ) : null}
                  </Space>
                );
              },
            },
          ]}
        />
        <div style={{ marginTop: 12 }}>
          {formError ? (
            <Alert type="error" role="alert" title={formError} style={{ marginBottom: 8 }} />
          ) : null}
          <ErrorNotice error={error} />
          <Button
            type="primary"
            loading={saving}
            disabled={Boolean(cycle && !cycle.useThirdParty)}
            style={{ marginTop: 8 }}
            onClick={() => void submit()}
          >
            {t('app.submit')}
          </Button>
        </div>
      </Card>
    </Space>
  );
}
