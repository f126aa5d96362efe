import { Button, Input, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Doc, DocAgency } from './model';
import { useFwT } from './parts';

/** The document's own fields: name, id, description and its appraising agencies. */
export function DocFields({ doc, readOnly, onChange }: { doc: Doc; readOnly: boolean; onChange: (d: Doc) => void }) {
  const { t } = useFwT();
  const agencies: DocAgency[] = doc.agencies ?? [];
  const setAgencies = (a: DocAgency[]) => onChange({ ...doc, agencies: a });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <label htmlFor="doc-name">{t('fields.docName')}</label>
      <Input.TextArea id="doc-name" autoSize value={doc.name} disabled={readOnly} onChange={(e) => onChange({ ...doc, name: e.target.value })} />
      <label htmlFor="doc-id">{t('fields.docId')}</label>
      <Input id="doc-id" value={doc.id} disabled={readOnly} onChange={(e) => onChange({ ...doc, id: e.target.value })} />
      <label htmlFor="doc-desc">{t('fields.description')}</label>
      <Input.TextArea id="doc-desc" autoSize={{ minRows: 2, maxRows: 6 }} value={typeof doc.description === 'string' ? doc.description : ''}
        disabled={readOnly} onChange={(e) => {
          const { description: _old, ...rest } = doc;
          onChange(e.target.value ? { ...rest, description: e.target.value } : (rest as Doc));
        }} />
      <Typography.Text strong>{t('fields.agencies')}</Typography.Text>
      {agencies.map((a, i) => (
        <Space key={i} wrap>
          <Input aria-label={t('fields.agencyCode', { n: i + 1 })} value={a.code} disabled={readOnly} style={{ width: 140 }}
            onChange={(e) => setAgencies(agencies.map((x, j) => (j === i ? { ...x, code: e.target.value } : x)))} />
          <Input aria-label={t('fields.agencyName', { n: i + 1 })} value={a.name} disabled={readOnly} style={{ width: 360 }}
            onChange={(e) => setAgencies(agencies.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
          {!readOnly && (
            <Button danger type="text" icon={<DeleteOutlined />} aria-label={t('fields.removeAgency', { n: i + 1 })}
              onClick={() => setAgencies(agencies.filter((_, j) => j !== i))} />
          )}
        </Space>
      ))}
      {!readOnly && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => setAgencies([...agencies, { code: '', name: '' }])}>
          {t('fields.addAgency')}
        </Button>
      )}
      <Typography.Text type="secondary">{t('editor.settingsNote')}</Typography.Text>
    </Space>
  );
}
