import { useState } from 'react';
import { App as AntApp, Form, Typography } from 'antd';
import { useFrameworkPrograms, useImportFramework, type FrameworkFileChecked, type FrameworkSummary, type ImportFrameworkFields } from '../../api/frameworks';
import type { ApiErrorDetail } from '../../api/client';
import { ImportDialog, useImportTexts } from '../../components/ImportDialog';
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
  const texts = useImportTexts(t('import.title'), t('import.drop'));
  // Changing a field after a check asks for a new one: the check was for the fields as they were.
  const [inputsVersion, setInputsVersion] = useState(0);

  const send = async (file: File, dryRun: boolean) => {
    let fields: ImportFrameworkFields;
    try {
      fields = await form.validateFields();
    } catch {
      return undefined;
    }
    if (!fields.name?.trim()) fields = { ...fields, name: '' };
    return imp.mutateAsync({ file, dryRun, fields });
  };

  return (
    <ImportDialog<FrameworkSummary | FrameworkFileChecked>
      width={860}
      texts={{
        ...texts,
        confirm: t('import.confirm'),
        invalid: (count) => t('import.invalid', { count, formatted: formatInteger(count) }),
        invalidText: t('import.invalidText'),
      }}
      accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      inputsVersion={inputsVersion}
      intro={
        <>
          <Typography.Paragraph>{t('import.text')}</Typography.Paragraph>
          <Form<ImportFrameworkFields>
            form={form}
            layout="vertical"
            initialValues={{ programCode: defaultProgram, year: new Date().getFullYear() }}
            onValuesChange={() => setInputsVersion((v) => v + 1)}
          >
            <ProgramYearGroupName nameOptional programs={(programs.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))} />
          </Form>
        </>
      }
      send={send}
      checkedSummary={(r) => {
        const w = 'warnings' in r ? r.warnings : [];
        return (
          <>
            {t('import.validText')}
            {w.length > 0 && (
              <>
                <div>{t('import.warnings', { formatted: formatInteger(w.length) })}</div>
                <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 160, overflow: 'auto' }}>
                  {w.map((x, i) => <li key={i}>{x}</li>)}
                </ul>
              </>
            )}
          </>
        );
      }}
      problemColumns={[
        { title: t('import.place'), key: 'place', width: 220, render: (_: unknown, r) => <Typography.Text code>{problemPlace(r)}</Typography.Text> },
        { title: t('import.reason'), dataIndex: 'message' },
      ]}
      onImported={(r) => {
        void message.success(t('import.done'));
        onClose();
        const first = 'versions' in r ? r.versions[0] : undefined;
        if (first) onImported(first.id);
      }}
      onClose={onClose}
    />
  );
}
