// Evidence viewer: the file is fetched with the session (the download route sends it as an attachment)
// and shown inline when the browser can (PDF, images); anything else is offered as a download.
import { Button, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';

export interface EvidenceFileRef {
  id: string;
  originalName: string;
  mimeType?: string;
}

const PREVIEWABLE = /^(application\/pdf|image\/(png|jpeg))$/;

export function EvidenceLinks({ files }: { files: EvidenceFileRef[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<EvidenceFileRef | null>(null);
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!open || !PREVIEWABLE.test(open.mimeType ?? '')) return;
    let objectUrl: string | undefined;
    void fetch(`/api/evidence/${open.id}/download`, { credentials: 'same-origin' })
      .then((response) => response.blob())
      .then((blob) => {
        objectUrl = URL.createObjectURL(new Blob([blob], { type: open.mimeType }));
        setUrl(objectUrl);
      });
    return () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      setUrl(undefined);
    };
  }, [open]);
  return (
    <>
      <Space orientation="vertical" size={0}>
        {files.map((file) => (
          <Space key={file.id} size={4}>
            <Button type="link" size="small" onClick={() => setOpen(file)}>
              {file.originalName}
            </Button>
            <a
              href={`/api/evidence/${file.id}/download`}
              download
              aria-label={`${t('app.download')} ${file.originalName}`}
            >
              {t('app.download')}
            </a>
          </Space>
        ))}
      </Space>
      <Modal
        open={!!open}
        onCancel={() => setOpen(null)}
        footer={null}
        width="80vw"
        title={`${t('evidence.viewer')} · ${open?.originalName ?? ''}`}
      >
        {open && PREVIEWABLE.test(open.mimeType ?? '') ? (
          url ? (
            open.mimeType === 'application/pdf' ? (
              <iframe
                title={open.originalName}
                src={url}
                style={{ width: '100%', height: '70vh', border: 0 }}
              />
            ) : (
              <img alt={open.originalName} src={url} style={{ maxWidth: '100%' }} />
            )
          ) : null
        ) : (
          <Typography.Paragraph>
            {t('evidence.noPreview')}{' '}
            {open ? (
              <a href={`/api/evidence/${open.id}/download`} download>
                {open.originalName}
              </a>
            ) : null}
          </Typography.Paragraph>
        )}
      </Modal>
    </>
  );
}
