import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Progress, Select, Space, Tag, Typography, Upload } from 'antd';
import { FileOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import {
  EVIDENCE_ACCEPT, evidenceContentUrl, evidenceLabel, useUnitEvidence, useUploadEvidence, type Evidence,
} from '../../api/evidence';
import { DATE_INPUT_FORMAT, formatDate } from '../../format';
import { useErrorMessage } from '../../components/errors';
import { foldVietnamese } from '../../lib/text';
import { useAsT } from './parts';

/** Evidence of a criterion: pick from the unit's documents, or upload a new one. */
export function EvidenceField({ unitId, value, onChange, known, readOnly, id }: {
  unitId: string;
  value: string[];
  onChange: (ids: string[]) => void;
  /** Evidence objects already known (from the criterion's view), for labels before the list loads. */
  known: Evidence[];
  readOnly?: boolean;
  id: string;
}) {
  const { t } = useAsT();
  const list = useUnitEvidence(unitId);
  const [uploading, setUploading] = useState(false);
  const byId = new Map<string, Evidence>();
  for (const e of known) byId.set(e.id, e);
  for (const e of list.data?.items ?? []) byId.set(e.id, e);
  const label = (e: Evidence) => evidenceLabel(e, formatDate);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ul className="as-evidence" aria-label={t('evidence.attached')}>
        {value.length === 0 && <li><Typography.Text type="secondary">{t('evidence.none')}</Typography.Text></li>}
        {value.map((eid) => {
          const e = byId.get(eid);
          return (
            <li key={eid}>
              <Tag
                icon={<FileOutlined />}
                closable={!readOnly}
                onClose={(ev) => {
                  ev.preventDefault();
                  onChange(value.filter((x) => x !== eid));
                }}
                closeIcon={!readOnly ? undefined : false}
              >
                <a href={evidenceContentUrl(eid)} target="_blank" rel="noreferrer">{e ? label(e) : eid}</a>
                {e && e.originalName && label(e) !== e.originalName && <small> ({e.originalName})</small>}
              </Tag>
            </li>
          );
        })}
      </ul>
      {!readOnly && (
        <Space wrap style={{ width: '100%' }}>
          <Select
            id={id}
            aria-label={t('evidence.pick')}
            placeholder={t('evidence.pick')}
            style={{ minWidth: 320 }}
            showSearch={{ filterOption: (input, opt) => foldVietnamese(String(opt?.title ?? '')).includes(foldVietnamese(input)) }}
            loading={list.isLoading}
            value={null}
            options={(list.data?.items ?? []).filter((e) => !value.includes(e.id)).map((e) => ({
              value: e.id, label: label(e), title: `${label(e)} ${e.originalName} ${e.issuer ?? ''}`,
            }))}
            onChange={(v: string | null) => {
              if (v) onChange([...value, v]);
            }}
            notFoundContent={t('evidence.noDocs')}
          />
          <Button icon={<UploadOutlined />} onClick={() => setUploading(true)}>{t('evidence.upload')}</Button>
        </Space>
      )}
      {uploading && (
        <UploadEvidenceModal unitId={unitId} onClose={() => setUploading(false)} onUploaded={(e) => {
          setUploading(false);
          onChange([...value.filter((x) => x !== e.id), e.id]);
        }} />
      )}
    </Space>
  );
}

interface UploadValues {
  documentNumber?: string;
  documentDate?: Dayjs | null;
  issuer?: string;
  title?: string;
}

export function UploadEvidenceModal({ unitId, onClose, onUploaded }: {
  unitId: string; onClose: () => void; onUploaded: (e: Evidence) => void;
}) {
  const { t } = useAsT();
  const errMsg = useErrorMessage();
  const [form] = Form.useForm<UploadValues>();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const upload = useUploadEvidence(unitId);

  const submit = (v: UploadValues) => {
    if (!file) return;
    setError(null);
    setProgress(0);
    upload.mutate(
      {
        fields: {
          documentNumber: v.documentNumber?.trim() || undefined,
          documentDate: v.documentDate ? v.documentDate.format('YYYY-MM-DD') : undefined,
          issuer: v.issuer?.trim() || undefined,
          title: v.title?.trim() || undefined,
        },
        file,
        onProgress: setProgress,
      },
      {
        onSuccess: onUploaded,
        onError: (e) => {
          setProgress(null);
          setError(e);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('evidence.uploadTitle')}
      onCancel={onClose}
      okText={t('evidence.uploadOk')}
      cancelText={t('evidence.cancel')}
      okButtonProps={{ disabled: !file, loading: upload.isPending }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="documentNumber" label={t('evidence.documentNumber')}>
          <Input placeholder="12/QĐ-UBND" />
        </Form.Item>
        <Form.Item name="documentDate" label={t('evidence.documentDate')}>
          <DatePicker format={DATE_INPUT_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="issuer" label={t('evidence.issuer')}>
          <Input />
        </Form.Item>
        <Form.Item name="title" label={t('evidence.title')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item label={t('evidence.file')} required extra={t('evidence.fileHint')}>
          <Upload
            accept={EVIDENCE_ACCEPT}
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setError(null);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'f', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />}>{t('evidence.chooseFile')}</Button>
          </Upload>
        </Form.Item>
      </Form>
      {progress !== null && <Progress percent={progress} aria-label={t('evidence.progress')} />}
      {error !== null && <Alert type="error" showIcon role="alert" title={errMsg(error)} />}
    </Modal>
  );
}
