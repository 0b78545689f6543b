// A unit's targets and due dates (Art. 8), with evidence upload and submission per checkpoint.
import { App, Alert, Button, Card, Collapse, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { useApi } from '../api/useApi';
import { EvidenceUpload, type EvidenceMeta } from '../components/EvidenceUpload';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n/I18nProvider';
import { formFieldErrors } from '../logic/apiError';
import { fieldTranslator } from '../logic/errorText';
import { formatDate } from '../logic/format';
import { checkpointLabel } from '../logic/checkpointLabel';
import { latestSubmissions, submitLabelKey, type SavedSubmission } from '../logic/savedState';
import { useSession } from '../session/SessionProvider';
import { useCycle, type CheckpointRow } from '../session/useCycle';

type Submission = SavedSubmission;

/** One checkpoint's form; the page remounts it (key) when the saved submission changes, so it refills. */
function CheckpointForm({
  year,
  unitId,
  checkpoint,
  submission,
  onSubmitted,
}: {
  year: number;
  unitId: string;
  checkpoint: CheckpointRow;
  submission?: Submission;
  onSubmitted(): void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string }>();
  // What was submitted before is the starting point of a resubmission: its text and its files.
  const [evidence, setEvidence] = useState<EvidenceMeta[]>(() => [...(submission?.evidence ?? [])]);
  const [error, setError] = useState<unknown>();
  const onFinish = async (values: { text: string }) => {
    setError(undefined);
    try {
      await api.post(`/cycles/${year}/checkpoints/${checkpoint.id}/submissions`, {
        unitId,
        text: values.text ?? '',
        evidenceIds: evidence.map((file) => file.id),
      });
      message.success(t('app.submitted'));
      onSubmitted();
    } catch (caught) {
      setError(caught);
      if (caught instanceof ApiError)
        form.setFields(formFieldErrors(caught, ['text'], fieldTranslator(locale)).fields as never);
    }
  };
  return (
    <Card
      size="small"
      title={checkpointLabel(checkpoint, locale)}
      data-testid={`checkpoint-${checkpoint.code}`}
      extra={
        submission ? (
          <Tag color={submission.late ? 'orange' : 'green'}>
            {t(submission.late ? 'unit.submittedLate' : 'unit.submittedOnTime')}
          </Tag>
        ) : (
          <Tag>{`${t('unit.dueAt')} ${formatDate(checkpoint.dueAt, locale, true)}`}</Tag>
        )
      }
    >
      {checkpoint.standard ? (
        <Typography.Paragraph type="secondary">{checkpoint.standard}</Typography.Paragraph>
      ) : null}
      {submission ? (
        <Alert
          type={submission.late ? 'warning' : 'success'}
          data-testid="saved-submission"
          style={{ marginBottom: 12 }}
          title={t('unit.savedSubmission', {
            at: formatDate(submission.submittedAt, locale, true),
            who: submission.submittedByName ?? '—',
            revision: submission.revision ?? 1,
          })}
        />
      ) : null}
      <Form
        form={form}
        // A name per checkpoint: field ids (checkpoint-K1-R1_text) stay unique on the page, so each
        // label points at its own box for screen readers.
        name={`checkpoint-${checkpoint.code}`}
        layout="vertical"
        initialValues={{ text: submission?.text ?? '' }}
        onFinish={(values) => void onFinish(values)}
      >
        <Form.Item name="text" label={t('unit.submissionText')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item
          label={submission ? t('unit.savedFiles') : t('verification.evidence')}
          extra={t('unit.uploadHelp')}
        >
          <EvidenceUpload year={year} unitId={unitId} initial={submission?.evidence} onChange={setEvidence} />
        </Form.Item>
        <ErrorNotice error={error} />
        <Button type="primary" htmlType="submit" style={{ marginTop: 8 }}>
          {t(submitLabelKey(submission))}
        </Button>
      </Form>
    </Card>
  );
}

export function UnitTargetsPage() {
  const { t, locale } = useI18n();
  const { user, year } = useSession();
  const { cycle, error } = useCycle();
  const unitId = user?.unitId ?? '';
  const submissions = useApi<{ submissions: Submission[] }>(
    year && unitId ? `/cycles/${year}/submissions?unitId=${unitId}` : null,
  );
  if (!year) return <Alert type="info" title={t('app.noCycle')} />;
  if (!cycle) return <ErrorNotice error={error} />;
  // Art. 12: indicators the unit does not undertake are not its targets.
  const mine = cycle.indicators.filter(
    (indicator) => !indicator.notUndertaken.some((row) => row.unitId === unitId),
  );
  const latest = latestSubmissions(submissions.data?.submissions ?? []);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('unit.targets')} · {cycle.title}
      </Typography.Title>
      {!cycle.publishedAt ? <Alert type="info" title={t('dashboard.notPublished')} /> : null}
      <Collapse
        defaultActiveKey={mine
          .filter((indicator) => indicator.checkpoints.length > 0)
          .map((indicator) => indicator.id)}
        items={mine.map((indicator) => ({
          key: indicator.id,
          label: (
            <Space wrap>
              <strong>{indicator.code}</strong>
              {locale === 'en' && indicator.nameEn ? indicator.nameEn : indicator.name}
              <Tag>{t(`group.${indicator.group}`)}</Tag>
              <Tag color="red">{`${t('targets.weight')} ${indicator.weight}`}</Tag>
            </Space>
          ),
          children: (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Paragraph>{indicator.standard}</Typography.Paragraph>
              {indicator.checkpoints.length === 0 ? null : (
                <List
                  grid={{ gutter: 16, xs: 1, md: 1, lg: 2 }}
                  dataSource={indicator.checkpoints}
                  renderItem={(checkpoint) => (
                    <List.Item>
                      <CheckpointForm
                        key={`${checkpoint.id}:${latest.get(checkpoint.id)?.submittedAt ?? 'none'}`}
                        year={year}
                        unitId={unitId}
                        checkpoint={checkpoint}
                        submission={latest.get(checkpoint.id)}
                        onSubmitted={submissions.reload}
                      />
                    </List.Item>
                  )}
                />
              )}
            </Space>
          ),
        }))}
      />
    </Space>
  );
}
