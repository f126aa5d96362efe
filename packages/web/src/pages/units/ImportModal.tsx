import { useState } from 'react';
import { Alert, App as AntApp, Button, Modal, Space, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useImportUnits } from '../../api/hooks';
import { isApiError, type ApiErrorDetail } from '../../api/client';
import { SaveError } from '../../components/errors';
import { ImportFileDrop, ImportProblems } from '../../components/ImportParts';
import { formatInteger } from '../../format';

type Checked = { created: number; updated: number };

export function ImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const imp = useImportUnits();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [rows, setRows] = useState<ApiErrorDetail[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reset = () => {
    setChecked(null);
    setRows(null);
    setError(null);
  };

  const run = (dryRun: boolean) => {
    if (!file) return;
    reset();
    imp.mutate(
      { file, dryRun },
      {
        onSuccess: (r) => {
          if (dryRun) setChecked(r);
          else {
            void message.success(t('units.import.done', { created: r.created, updated: r.updated }));
            onClose();
          }
        },
        onError: (e) => {
          if (isApiError(e) && e.code === 'IMPORT_INVALID') setRows(e.details);
          setError(e);
        },
      },
    );
  };

  const step = checked ? 2 : file ? 1 : 0;

  return (
    <Modal
      open
      title={t('units.import.title')}
      onCancel={onClose}
      width={820}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button onClick={() => run(true)} disabled={!file} loading={imp.isPending && !checked}>
            {t('units.import.check')}
          </Button>
          <Button type="primary" onClick={() => run(false)} disabled={!checked} loading={imp.isPending && !!checked}>
            {t('units.import.confirm')}
          </Button>
        </Space>
      }
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[{ title: t('units.import.step1') }, { title: t('units.import.step2') }, { title: t('units.import.step3') }]}
      />
      <Typography.Paragraph>{t('units.import.text')}</Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text code>code, name, shortName, type, parentCode, validFrom, validTo</Typography.Text>
      </Typography.Paragraph>
      <ImportFileDrop
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        file={file}
        onFile={(f) => {
          setFile(f);
          reset();
        }}
        text={t('units.import.drop')}
      />

      <div style={{ marginTop: 16 }}>
        {checked && (
          <Alert
            type="success"
            showIcon
            role="status"
            title={t('units.import.valid')}
            description={t('units.import.summary', {
              created: formatInteger(checked.created),
              updated: formatInteger(checked.updated),
            })}
          />
        )}
        {rows ? (
          <ImportProblems
            rows={rows}
            title={t('units.import.invalid', { count: rows.length })}
            description={t('units.import.invalidText')}
            columns={[
              { title: t('units.import.line'), dataIndex: 'line', width: 80 },
              { title: t('units.import.column'), dataIndex: 'column', width: 140, render: (c: unknown) => (c ? String(c) : '—') },
              { title: t('units.import.reason'), dataIndex: 'message' },
            ]}
          />
        ) : (
          !checked && error != null && <SaveError error={error} />
        )}
      </div>
    </Modal>
  );
}
