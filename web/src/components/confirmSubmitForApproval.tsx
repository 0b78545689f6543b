// Submitting the results for party-group approval (Art. 18) from the scoring or the approval page:
// the confirmation says what happens (the data is frozen and put to the vote) and warns when the
// results are identical to the last, rejected round (nothing changed since, issue 13).
import { Alert, type ModalFuncProps } from 'antd';
import { api } from '../api/client';
import type { MessageKey } from '../i18n/messages';

interface Options {
  year: number;
  modal: { confirm(props: ModalFuncProps): unknown };
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  onSubmitted(): void;
  onError(caught: unknown): void;
}

export async function confirmSubmitForApproval({ year, modal, t, onSubmitted, onError }: Options) {
  let unchanged: number | null = null;
  try {
    const summary = await api.get<{ unchangedSinceRound: number | null }>(`/cycles/${year}/approval/summary`);
    unchanged = summary.unchangedSinceRound;
  } catch {
    // The warning is a help, not a gate: without it the confirmation still names the consequence.
  }
  modal.confirm({
    title: t('scoring.submitApproval'),
    width: 520,
    content: (
      <div data-testid="submit-approval-confirm">
        <p>{t('confirm.submitBody')}</p>
        {unchanged ? (
          <Alert type="warning" showIcon title={t('confirm.identical', { number: unchanged })} />
        ) : null}
      </div>
    ),
    okText: t('confirm.ok'),
    cancelText: t('app.cancel'),
    onOk: async () => {
      try {
        await api.post(`/cycles/${year}/approval/submit`);
        onSubmitted();
      } catch (caught) {
        onError(caught);
      }
    },
  });
}
