// Targets from an Excel workbook (issue 14; Art. 5, 8, 12): download the template, upload a filled
// workbook to see every problem at its sheet, row and column — or a preview of what would be stored —
// then confirm to replace the cycle's targets; and export the current targets in the same format.
import { Alert, App, Button, Card, Popconfirm, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { api } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import { problemPlace, problemSheet, problemText, type ImportProblem } from '../logic/targetImportProblems';
import { ErrorNotice } from './ErrorNotice';

interface Counts {
  indicators: number;
  checkpoints: number;
  nonUndertaking: number;
}
interface Preview {
  ok: boolean;
  problems: ImportProblem[];
  counts: Counts;
  replaces: Counts;
}

export function TargetWorkbookCard({
  year,
  published,
  onImported,
}: {
  year: number;
  published: boolean;
  onImported(): void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<Preview>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const base = `/cycles/${year}/targets`;
  const formOf = (chosen: File) => {
    const form = new FormData();
    form.append('file', chosen);
    return form;
  };

  const check = async (chosen: File) => {
    setFile(chosen);
    setPreview(undefined);
    setError(undefined);
    setBusy(true);
    try {
      setPreview(await api.upload<Preview>(`${base}/import/preview`, formOf(chosen)));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const apply = async () => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      // The server checks the same file again before it replaces anything (one transaction).
      const { counts } = await api.upload<{ counts: Counts }>(`${base}/import`, formOf(file));
      message.success(t('targetImport.applied', { indicators: counts.indicators }));
      setPreview(undefined);
      setFile(undefined);
      onImported();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('targetImport.title')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {published ? null : (
          <Typography.Paragraph type="secondary">{t('targetImport.help')}</Typography.Paragraph>
        )}
        <Space wrap>
          {published ? null : (
            <Button icon={<DownloadOutlined />} href={`/api${base}/template.xlsx`} download>
              {t('targetImport.template')}
            </Button>
          )}
          {published ? null : (
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(chosen) => {
                void check(chosen);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={busy} data-testid="target-import-upload">
                {t('targetImport.upload')}
              </Button>
            </Upload>
          )}
          <Button icon={<DownloadOutlined />} href={`/api${base}/export.xlsx`} download>
            {t('targetImport.export')}
          </Button>
        </Space>
        <ErrorNotice error={error} />
        {preview && !preview.ok ? (
          <>
            <Alert type="error" title={t('targetImport.problemsTitle', { count: preview.problems.length })} />
            <Table
              size="small"
              data-testid="target-import-problems"
              pagination={false}
              rowKey={(problem) => JSON.stringify(problem)}
              dataSource={preview.problems}
              columns={[
                {
                  title: t('targetImport.sheetColumn'),
                  key: 'sheet',
                  render: (_, problem) => problemSheet(locale, problem),
                },
                {
                  title: t('targetImport.cellColumn'),
                  key: 'cell',
                  render: (_, problem) => problemPlace(locale, problem),
                },
                {
                  title: t('targetImport.problemColumn'),
                  key: 'problem',
                  render: (_, problem) => problemText(locale, problem),
                },
              ]}
            />
          </>
        ) : null}
        {preview?.ok ? (
          <Alert
            type="success"
            data-testid="target-import-preview"
            title={t('targetImport.previewTitle', { ...preview.counts })}
            description={
              preview.replaces.indicators > 0 ? t('targetImport.replaces', { ...preview.replaces }) : null
            }
            action={
              <Popconfirm
                title={t('targetImport.confirmReplace')}
                onConfirm={() => void apply()}
                okText={t('targetImport.confirm')}
                cancelText={t('app.cancel')}
                disabled={preview.replaces.indicators === 0}
              >
                <Button
                  type="primary"
                  loading={busy}
                  onClick={preview.replaces.indicators === 0 ? () => void apply() : undefined}
                >
                  {t('targetImport.confirm')}
                </Button>
              </Popconfirm>
            }
          />
        ) : null}
      </Space>
    </Card>
  );
}
