import { Alert, Table, Upload, type TableColumnsType } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { ApiErrorDetail } from '../api/client';

/** Parts shared by the "check, then import" dialogs (units, criteria frameworks). */

/** The drop zone for the one file to import; choosing or removing a file calls `onFile`. */
export function ImportFileDrop({ accept, file, onFile, text }: {
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
export function ImportProblems({ rows, title, description, columns }: {
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
