// Uploads evidence files (证明材料) one by one to POST /cycles/:year/evidence; the caller gets their ids.
import { Button, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import { errorMessage } from './ErrorNotice';

export interface EvidenceMeta {
  id: string;
  originalName: string;
  mimeType?: string;
  sizeBytes?: number;
  sha256?: string;
}

/**
 * `initial` lists the files already saved with the thing being edited: they show as uploaded and stay
 * part of what is sent until the user removes them (the caller starts its own list from the same files).
 */
export function EvidenceUpload({
  year,
  unitId,
  onChange,
  label,
  initial,
}: {
  year: number;
  unitId: string;
  onChange(evidence: EvidenceMeta[]): void;
  label?: string;
  initial?: readonly EvidenceMeta[];
}) {
  const { t, locale } = useI18n();
  const [files, setFiles] = useState<(UploadFile & { evidence?: EvidenceMeta })[]>(() =>
    (initial ?? []).map((evidence) => ({
      uid: evidence.id,
      name: evidence.originalName,
      status: 'done' as const,
      evidence,
    })),
  );
  // The saved files count as chosen from the start: the caller hears of them once, on mount.
  useEffect(() => {
    if (initial?.length) onChange([...initial]);
  }, []); // once, for the files present at mount
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
              file.status === 'error' && file.error instanceof ApiError
                ? errorMessage(file.error, locale)
                : file.response,
          })),
        )
      }
    >
      <Button icon={<UploadOutlined />}>{label ?? t('unit.upload')}</Button>
    </Upload>
  );
}
