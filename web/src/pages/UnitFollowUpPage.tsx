// A unit after notification: confirm the leadership group's feedback (Art. 19) and, if failing, write
// the explanation (text plus attachment) before its deadline (Art. 21). The explanation's review shows:
// submitted and awaiting review, 已退回 with the office's comment, or 已接受 (nothing more to do).
import { App, Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { useApi } from '../api/useApi';
import { EvidenceUpload, type EvidenceMeta } from '../components/EvidenceUpload';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n/I18nProvider';
import { formFieldErrors } from '../logic/apiError';
import { fieldTranslator } from '../logic/errorText';
import { formatDate } from '../logic/format';
import { explanationState } from '../logic/savedState';
import { useSession } from '../session/SessionProvider';

export function UnitFollowUpPage() {
  const { t, locale } = useI18n();
  const { user, year } = useSession();
  const { message } = App.useApp();
  const unitId = user?.unitId ?? '';
  const feedback = useApi<{ feedback: { unitId: string; content: string; confirmedAt?: string | null }[] }>(
    year ? `/cycles/${year}/feedback` : null,
  );
  const explanations = useApi<{
    explanations: {
      unitId: string;
      status: string;
      dueAt: string;
      content?: string;
      reviewComment?: string;
      reviewedAt?: string | null;
      submittedAt?: string | null;
      evidence?: EvidenceMeta[];
    }[];
  }>(year ? `/cycles/${year}/explanations` : null);
  const [form] = Form.useForm<{ content: string }>();
  const [evidence, setEvidence] = useState<EvidenceMeta[]>([]);
  const [error, setError] = useState<unknown>();
  const [confirmNote, setConfirmNote] = useState('');
  if (!year) return <Alert type="info" title={t('app.noCycle')} />;
  const mine = feedback.data?.feedback.find((row) => row.unitId === unitId);
  const explanation = explanations.data?.explanations.find((row) => row.unitId === unitId);
  const review = explanation ? explanationState(explanation) : undefined;
  const confirm = async () => {
    try {
      await api.post(`/cycles/${year}/feedback/${unitId}/confirm`, { note: confirmNote });
      message.success(t('app.submitted'));
      feedback.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const submitExplanation = async (values: { content: string }) => {
    setError(undefined);
    try {
      await api.post(`/cycles/${year}/explanations/${unitId}`, {
        content: values.content,
        evidenceIds: evidence.map((file) => file.id),
      });
      message.success(t('app.submitted'));
      explanations.reload();
    } catch (caught) {
      setError(caught);
      if (caught instanceof ApiError)
        form.setFields(formFieldErrors(caught, ['content'], fieldTranslator(locale)).fields as never);
    }
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('menu.myFollowUp')}
      </Typography.Title>
      <ErrorNotice error={feedback.error ?? error} />
      <Card title={t('unit.feedback')}>
        {mine ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph>{mine.content}</Typography.Paragraph>
            {mine.confirmedAt ? (
              <Alert
                type="success"
                title={`${t('followUp.confirmed')} ${formatDate(mine.confirmedAt, locale)}`}
              />
            ) : (
              <>
                <Input.TextArea
                  aria-label={t('adjustments.note')}
                  rows={2}
                  value={confirmNote}
                  onChange={(event) => setConfirmNote(event.target.value)}
                />
                <Button type="primary" onClick={() => void confirm()}>
                  {t('unit.confirmFeedback')}
                </Button>
              </>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('app.none')}</Typography.Text>
        )}
      </Card>
      {explanation && review ? (
        <Card title={t('unit.explanation')}>
          {review.editable ? (
            <Alert
              type={new Date(explanation.dueAt) < new Date() ? 'error' : 'warning'}
              title={t('unit.explanationHelp', { due: formatDate(explanation.dueAt, locale, true) })}
              style={{ marginBottom: 12 }}
            />
          ) : null}
          <Alert
            type={review.tone}
            showIcon
            data-testid="explanation-status"
            title={t(`explanation.status.${review.status}`, { at: formatDate(review.at, locale, true) })}
            description={review.comment ? t('explanation.comment', { comment: review.comment }) : undefined}
            style={{ marginBottom: 12 }}
          />
          <Form
            key={`${explanation.status}:${explanation.submittedAt ?? ''}`}
            form={form}
            disabled={!review.editable}
            layout="vertical"
            onFinish={(values) => void submitExplanation(values)}
            initialValues={{ content: explanation.content ?? '' }}
          >
            <Form.Item name="content" label={t('unit.explanation')} rules={[{ required: true }]}>
              <Input.TextArea rows={10} />
            </Form.Item>
            <Form.Item label={t('unit.attachment')}>
              <EvidenceUpload
                key={explanation.submittedAt ?? 'none'}
                year={year}
                unitId={unitId}
                initial={explanation.evidence}
                onChange={setEvidence}
              />
            </Form.Item>
            {review.editable ? (
              <Button type="primary" htmlType="submit">
                {explanation.submittedAt ? t('unit.resubmitCheckpoint') : t('app.submit')}
              </Button>
            ) : null}
          </Form>
        </Card>
      ) : null}
    </Space>
  );
}
