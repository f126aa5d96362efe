import { useState, type ReactNode } from 'react';
import { Alert, Button, Modal, Space, Steps, Table, Upload, type TableColumnsType } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError, type ApiErrorDetail } from '../api/client';
import { SaveError } from './errors';

/** The words of one "check, then import" dialog. */
export interface ImportDialogTexts {
  title: string;
  drop: string;
  steps: [choose: string, check: string, confirm: string];
  check: string;
  confirm: string;
  cancel: string;
  valid: string;
  invalid: (count: number) => string;
  invalidText: string;
}

/**
 * The "check, then import" dialog shared by every import (units, criteria frameworks, survey
 * points): the file is first sent as a dry run, which writes nothing; only a file that passed the
 * check can be imported. A refused file lists every problem with where it is. `inputsVersion`
 * changes when other inputs of the dialog change, so that an earlier check no longer counts.
 */
export function ImportDialog<R>({
  texts, accept, intro, width = 820, send, checkedSummary, problemColumns, onImported, onClose, inputsVersion = 0,
}: {
  texts: ImportDialogTexts;
  accept: string;
  /** What the file must hold, and any inputs beside the file. */
  intro: ReactNode;
  width?: number;
  /** Sends the file; resolves to undefined when the dialog's own inputs are not valid yet. */
  send: (file: File, dryRun: boolean) => Promise<R | undefined>;
  checkedSummary: (checked: R) => ReactNode;
  problemColumns: TableColumnsType<ApiErrorDetail & { key: number }>;
  onImported: (result: R) => void;
  onClose: () => void;
  inputsVersion?: number;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState<'check' | 'import' | null>(null);
  const [checked, setChecked] = useState<{ result: R; inputsVersion: number } | null>(null);
  const [problems, setProblems] = useState<ApiErrorDetail[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const valid = checked && checked.inputsVersion === inputsVersion ? checked.result : null;

  const reset = () => {
    setChecked(null);
    setProblems(null);
    setError(null);
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    // A check starts over; an import keeps the check it rests on until it fails.
    if (dryRun) reset();
    else {
      setProblems(null);
      setError(null);
    }
    setPending(dryRun ? 'check' : 'import');
    try {
      const result = await send(file, dryRun);
      if (result === undefined) return;
      if (dryRun) setChecked({ result, inputsVersion });
      else onImported(result);
    } catch (e) {
      setChecked(null);
      if (isApiError(e) && e.code === 'IMPORT_INVALID') setProblems(e.details);
      setError(e);
    } finally {
      setPending(null);
    }
  };

  return (
    <Modal
      open
      title={texts.title}
      onCancel={onClose}
      width={width}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space>
          <Button onClick={onClose}>{texts.cancel}</Button>
          <Button onClick={() => void run(true)} disabled={!file || pending === 'import'} loading={pending === 'check'}>
            {texts.check}
          </Button>
          <Button type="primary" onClick={() => void run(false)} disabled={!valid || pending === 'check'} loading={pending === 'import'}>
            {texts.confirm}
          </Button>
        </Space>
      }
    >
      <Steps
        size="small"
        current={valid ? 2 : file ? 1 : 0}
        style={{ marginBottom: 16 }}
        items={texts.steps.map((title) => ({ title }))}
      />
      {intro}
      <ImportFileDrop
        accept={accept}
        file={file}
        onFile={(f) => {
          setFile(f);
          reset();
        }}
        text={texts.drop}
      />
      <div style={{ marginTop: 16 }} aria-live="polite">
        {valid && <Alert type="success" showIcon role="status" title={texts.valid} description={checkedSummary(valid)} />}
        {problems ? (
          <ImportProblems rows={problems} title={texts.invalid(problems.length)} description={texts.invalidText} columns={problemColumns} />
        ) : (
          error != null && <SaveError error={error} />
        )}
      </div>
    </Modal>
  );
}

/** The shared words of an import dialog (the "importFile" strings), around its own title and drop text. */
export function useImportTexts(title: string, drop: string): ImportDialogTexts {
  const { t } = useTranslation();
  const k = (key: string) => t(`importFile.${key}`);
  return {
    title, drop, steps: [k('step1'), k('step2'), k('step3')], check: k('check'), confirm: k('confirm'), cancel: t('common.cancel'),
    valid: k('valid'), invalid: (count) => t('importFile.invalid', { count }), invalidText: k('invalidText'),
  };
}

/** Texts and problem columns (line, column, reason) of a dialog importing a table (CSV or XLSX). */
export function useTableImport(title: string, drop: string): { texts: ImportDialogTexts; problemColumns: TableColumnsType<ApiErrorDetail & { key: number }> } {
  const { t } = useTranslation();
  const k = (key: string) => t(`importFile.${key}`);
  return {
    texts: useImportTexts(title, drop),
    problemColumns: [
      { title: k('line'), dataIndex: 'line', width: 80 },
      { title: k('column'), dataIndex: 'column', width: 140, render: (c: unknown) => (c ? String(c) : '—') },
      { title: k('reason'), dataIndex: 'message' },
    ],
  };
}

/** The drop zone for the one file to import; choosing or removing a file calls `onFile`. */
function ImportFileDrop({ accept, file, onFile, text }: {
  accept: string;
  file: File | null;
  onFile: (file: File | null) => void;
  text: string;
}) {
  return (
    <Upload.Dragger
      accept={accept}
      maxCount={1}
      multiple={false}
      fileList={file ? [{ uid: 'file', name: file.name, status: 'done' as const, size: file.size, type: file.type }] : []}
      beforeUpload={(f) => {
        onFile(f);
        return false;
      }}
      onRemove={() => onFile(null)}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{text}</p>
    </Upload.Dragger>
  );
}

/** Every bad row of a refused import, with where it is and why. */
function ImportProblems({ rows, title, description, columns }: {
  rows: ApiErrorDetail[];
  title: string;
  description: string;
  columns: TableColumnsType<ApiErrorDetail & { key: number }>;
}) {
  return (
    <>
      <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={title} description={description} />
      <Table<ApiErrorDetail & { key: number }>
        size="small"
        pagination={rows.length > 20 ? { pageSize: 20 } : false}
        dataSource={rows.map((r, i) => ({ ...r, key: i }))}
        columns={columns}
      />
    </>
  );
}
