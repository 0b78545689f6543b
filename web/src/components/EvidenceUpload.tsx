// Uploads evidence files (证明材料) one by one to POST /cycles/:year/evidence; the caller gets their ids.
import { Button, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';

export interface EvidenceMeta {
  id: string;
  originalName: string;
  mimeType?: string;
  sizeBytes?: number;
  sha256?: string;
}

export function EvidenceUpload({
  year,
  unitId,
  onChange,
  label,
}: {
  year: number;
  unitId: string;
  onChange(evidence: EvidenceMeta[]): void;
  label?: string;
}) {
  const { t } = useI18n();
  const [files, setFiles] = useState<(UploadFile & { evidence?: EvidenceMeta })[]>([]);
  const publish = (next: (UploadFile & { evidence?: EvidenceMeta })[]) => {
    setFiles(next);
    onChange(next.filter((file) => file.evidence).map((file) => file.evidence!));
  };
  return (
    <Upload
      fileList={files}
      multiple
      customRequest={({ file, onSuccess, onError }) => {
        const form = new FormData();
        form.append('unitId', unitId);
        form.append('file', file as Blob);
        api
          .upload<{ evidence: EvidenceMeta }>(`/cycles/${year}/evidence`, form)
          .then((response) => onSuccess?.(response))
          .catch((error: unknown) => onError?.(error as Error));
      }}
      onChange={({ fileList }) =>
        publish(
          fileList.map((file) => ({
            ...file,
            evidence: (file.response as { evidence?: EvidenceMeta } | undefined)?.evidence,
            response:
              file.status === 'error' && file.error instanceof ApiError ? file.error.message : file.response,
          })),
        )
      }
    >
      <Button icon={<UploadOutlined />}>{label ?? t('unit.upload')}</Button>
    </Upload>
  );
}
