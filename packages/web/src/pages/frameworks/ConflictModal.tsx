import { Alert, Button, Modal, Popconfirm, Space, Typography } from 'antd';
import type { FrameworkVersion } from '../../api/frameworks';
import type { Doc } from './model';
import { useFwT } from './parts';

/** Saving met someone else's newer version: keep a copy of mine, take theirs, or overwrite (a draft only). */
export function ConflictModal({ conflict, doc, saving, onClose, onTakeTheirs, onOverwrite }: {
  conflict: FrameworkVersion;
  doc: Doc;
  saving: boolean;
  onClose: () => void;
  onTakeTheirs: () => void;
  onOverwrite: () => void;
}) {
  const { t } = useFwT();
  return (
    <Modal
      open
      title={t('conflict.title')}
      onCancel={onClose}
      width={620}
      footer={
        <Space wrap>
          <Button onClick={() => download(`${doc.id}-ban-cua-toi.json`, doc)}>{t('conflict.download')}</Button>
          <Popconfirm title={t('conflict.reloadConfirm')} okText={t('conflict.reload')} cancelText={t('common.cancel')} onConfirm={onTakeTheirs}>
            <Button danger>{t('conflict.reload')}</Button>
          </Popconfirm>
          {conflict.status === 'draft' && (
            <Button type="primary" loading={saving} onClick={onOverwrite}>{t('conflict.overwrite')}</Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph>{t('conflict.text')}</Typography.Paragraph>
      {conflict.status === 'published' && <Alert type="warning" showIcon title={t('conflict.published')} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">{t('conflict.keep')}</Typography.Paragraph>
    </Modal>
  );
}

function download(name: string, doc: Doc) {
  const blob = new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
