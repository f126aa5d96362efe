import { useState } from 'react';
import { Alert, App as AntApp, Button, Form, Modal, Space, Steps, Typography } from 'antd';
import { useFrameworkPrograms, useImportFramework, type ImportFrameworkFields } from '../../api/frameworks';
import { isApiError, type ApiErrorDetail } from '../../api/client';
import { SaveError } from '../../components/errors';
import { ImportFileDrop, ImportProblems } from '../../components/ImportParts';
import { formatInteger } from '../../format';
import { ProgramYearGroupName } from './NewFrameworkModal';
import { useFwT } from './parts';

/** Where a problem is: an XLSX cell ("E12"), a line, or a JSON path. */
export function problemPlace(d: ApiErrorDetail): string {
  const col = d.column !== undefined && d.column !== null ? String(d.column) : '';
  const line = typeof d.line === 'number' ? String(d.line) : '';
  const sheet = typeof d.sheet === 'string' && d.sheet ? `${d.sheet}!` : '';
  if (col && line && /^[A-Z]{1,3}$/.test(col)) return `${sheet}${col}${line}`;
  const parts = [line && `${line}`, col].filter(Boolean).join(':');
  const path = typeof d.path === 'string' ? d.path : '';
  return [parts, path].filter(Boolean).join(' · ') || '—';
}

export function ImportFrameworkModal({
  onClose, onImported, defaultProgram,
}: { onClose: () => void; onImported: (versionId: string) => void; defaultProgram?: string }) {
  const { t } = useFwT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ImportFrameworkFields>();
  const programs = useFrameworkPrograms();
  const imp = useImportFramework();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState(false);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [rows, setRows] = useState<ApiErrorDetail[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reset = () => {
    setChecked(false);
    setRows(null);
    setError(null);
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    let fields: ImportFrameworkFields;
    try {
      fields = await form.validateFields();
      if (!fields.name?.trim()) fields = { ...fields, name: '' };
    } catch {
      return;
    }
    reset();
    imp.mutate(
      { file, dryRun, fields },
      {
        onSuccess: (r) => {
          if (dryRun) {
            const w = (r as { warnings?: unknown } | undefined)?.warnings;
            setWarnings(Array.isArray(w) ? w.map(String) : []);
            setChecked(true);
            return;
          }
          void message.success(t('import.done'));
          onClose();
          const first = r?.versions?.[0];
          if (first) onImported(first.id);
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
      title={t('import.title')}
      onCancel={onClose}
      width={860}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button onClick={() => void run(true)} disabled={!file} loading={imp.isPending && !checked}>
            {t('import.check')}
          </Button>
          <Button type="primary" onClick={() => void run(false)} disabled={!checked} loading={imp.isPending && checked}>
            {t('import.confirm')}
          </Button>
        </Space>
      }
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[{ title: t('import.step1') }, { title: t('import.step2') }, { title: t('import.step3') }]}
      />
      <Typography.Paragraph>{t('import.text')}</Typography.Paragraph>
      <Form<ImportFrameworkFields>
        form={form}
        layout="vertical"
        initialValues={{ programCode: defaultProgram, year: new Date().getFullYear() }}
        onValuesChange={() => checked && setChecked(false)}
      >
        <ProgramYearGroupName nameOptional programs={(programs.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))} />
      </Form>
      <ImportFileDrop
        accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        file={file}
        onFile={(f) => {
          setFile(f);
          reset();
        }}
        text={t('import.drop')}
      />

      <div style={{ marginTop: 16 }} aria-live="polite">
        {checked && (
          <Alert type="success" showIcon role="status" title={t('import.valid')} description={
            <>
              {t('import.validText')}
              {warnings.length > 0 && (
                <>
                  <div>{t('import.warnings', { formatted: formatInteger(warnings.length) })}</div>
                  <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 160, overflow: 'auto' }}>
                    {warnings.map((w, i) => <li key={i}>{w}</li>)}
                  </ul>
                </>
              )}
            </>
          } />
        )}
        {rows ? (
          <ImportProblems
            rows={rows}
            title={t('import.invalid', { count: rows.length, formatted: formatInteger(rows.length) })}
            description={t('import.invalidText')}
            columns={[
              { title: t('import.place'), key: 'place', width: 220, render: (_: unknown, r) => <Typography.Text code>{problemPlace(r)}</Typography.Text> },
              { title: t('import.reason'), dataIndex: 'message' },
            ]}
          />
        ) : (
          !checked && error != null && <SaveError error={error} />
        )}
      </div>
    </Modal>
  );
}
