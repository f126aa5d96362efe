import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Col, Form, Input, InputNumber, Row, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { ImportedResults } from '@chiso/contract';
import { api, buildUrl } from '../../api/client';
import { useMe, useUnits } from '../../api/hooks';
import { useFrameworkPrograms, useFrameworks } from '../../api/frameworks';
import { useGroupSets } from '../../api/cycles';
import { useRefreshingMutation } from '../../api/mutations';
import { ImportDialog, useTableImport } from '../../components/ImportDialog';
import { formatDate, formatInteger, todayIso } from '../../format';
import { DayPicker } from '../cycles/parts';
import { useImportT } from './import-published-i18n';

/** The owner choice's value for the province's own results. */
const PROVINCE = 'province';

interface Values {
  owner: string;
  programCode: string;
  year: number;
  groupId: string;
  frameworkVersionId?: string;
  decisionNumber?: string;
  publishedOn: string;
  reason?: string;
}

/** “Nhập từ tệp”: marks a cycle holding an earlier year's results imported from a file. */
export function ImportedTag() {
  const { t } = useImportT();
  return (
    <Tooltip title={t('tagHelp')}>
      <Tag color="purple" style={{ marginInlineStart: 8 }}>{t('tag')}</Tag>
    </Tooltip>
  );
}

/** An imported cycle's page: what it holds (no workflow, no records) and the way to its published results. */
export function ImportedCycleNotice({ cycle }: { cycle: { id: string; year: number; calendar: { publicationDate: string } } }) {
  const { t } = useImportT();
  return (
    <Alert
      type="info"
      showIcon
      title={t('cycleTitle', { year: cycle.year })}
      description={
        <Space orientation="vertical">
          <span>{t('cycleText', { date: formatDate(cycle.calendar.publicationDate) })}</span>
          <Link to="/results" search={{ cycle: cycle.id }}><Button type="primary">{t('cycleResults')}</Button></Link>
        </Space>
      }
    />
  );
}

/** The cycles page's button “Nhập kết quả các năm trước” and its dialog (administrators only); `onImported` after an import. */
export function ImportPublishedButton({ onImported }: { onImported?: () => void }) {
  const { t } = useImportT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>{t('button')}</Button>
      {open && <ImportPublishedModal onClose={() => setOpen(false)} onImported={onImported} />}
    </>
  );
}

function useImportPublished() {
  return useRefreshingMutation(['cycles'], ({ values, file, dryRun }: { values: Values; file: File; dryRun: boolean }) => {
    const fd = new FormData();
    const fields: Record<string, string | undefined> = {
      programCode: values.programCode, year: String(values.year), groupId: values.groupId,
      ownerUnitId: values.owner === PROVINCE ? undefined : values.owner, frameworkVersionId: values.frameworkVersionId,
      decisionNumber: values.decisionNumber, publishedOn: values.publishedOn, reason: values.reason,
    };
    // The form's fields go before the file: the server reads them first.
    for (const [name, value] of Object.entries(fields)) if (value) fd.append(name, value);
    fd.append('file', file, file.name);
    return api<ImportedResults>('/results/imports', { method: 'POST', body: fd, query: { dryRun: dryRun ? 'true' : undefined } });
  }, ({ dryRun }) => !dryRun);
}

/**
 * Earlier years' published results (issue 11 §2): the administrator names the owner, program, year,
 * group, the decision and its date, downloads the template, checks the file, then imports it (all
 * or nothing). A scoped administrator imports for its own organisation only.
 */
export function ImportPublishedModal({ onClose, onImported }: { onClose: () => void; onImported?: () => void }) {
  const { t } = useImportT();
  const { message } = AntApp.useApp();
  const me = useMe();
  const scoped = me?.scope ?? null;
  const [form] = Form.useForm<Values>();
  const [inputsVersion, setInputsVersion] = useState(0);
  const imp = useImportPublished();
  const programs = useFrameworkPrograms();
  const groupSets = useGroupSets();
  const units = useUnits({ includeClosed: 'true' }, !scoped);
  const chosen = Form.useWatch('owner', form) ?? PROVINCE;
  const programCode = Form.useWatch('programCode', form);
  const versionId = Form.useWatch('frameworkVersionId', form);
  const groupId = Form.useWatch('groupId', form);
  const ownerId = scoped ? scoped.id : chosen === PROVINCE ? null : chosen;
  const frameworks = useFrameworks({ program: programCode });
  const { texts, problemColumns } = useTableImport(t('title'), t('drop'));

  // Organising units: those with units under them (a dissolved district committee included).
  const owners = useMemo(() => {
    const all = units.data?.items ?? [];
    const parents = new Set(all.map((u) => u.parentId).filter((p): p is string => p !== null));
    return all.filter((u) => parents.has(u.id)).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }, [units.data]);
  const groups = (groupSets.data?.items ?? [])
    .filter((s) => s.owner === null || s.owner.id === ownerId)
    .map((s) => ({ label: s.name, options: s.groups.map((g) => ({ value: g.id, label: `${g.name} (${s.name})` })) }))
    .filter((s) => s.options.length > 0);
  const versions = (programCode ? frameworks.data?.items ?? [] : [])
    .filter((f) => f.owner === null || f.owner.id === ownerId)
    .flatMap((f) => f.versions.filter((v) => v.status === 'published').map((v) => ({ value: v.id, label: t('frameworkVersion', { name: `${f.name} (${f.year})`, number: v.number }) })));

  const send = async (file: File, dryRun: boolean) => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return undefined;
    return imp.mutateAsync({ values: { ...values, owner: scoped ? scoped.id : values.owner }, file, dryRun });
  };

  return (
    <ImportDialog<ImportedResults>
      texts={texts}
      accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      width={860}
      inputsVersion={inputsVersion}
      intro={
        <>
          <Typography.Paragraph>{t('text')}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('columns')}</Typography.Paragraph>
          <Form<Values> form={form} layout="vertical" onValuesChange={() => setInputsVersion((n) => n + 1)}
            initialValues={{ owner: PROVINCE, year: new Date().getFullYear() - 1 }}>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                {scoped ? (
                  <Form.Item label={t('owner')}>
                    <Input value={scoped.name} disabled aria-label={t('owner')} />
                  </Form.Item>
                ) : (
                  <Form.Item name="owner" label={t('owner')} rules={[{ required: true, message: t('required') }]}>
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      loading={units.isLoading}
                      onChange={() => form.setFieldsValue({ groupId: undefined, frameworkVersionId: undefined })}
                      options={[
                        { value: PROVINCE, label: t('province') },
                        ...owners.map((u) => ({ value: u.id, label: u.validTo ? t('dissolved', { name: u.name }) : u.name })),
                      ]}
                    />
                  </Form.Item>
                )}
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="programCode" label={t('program')} rules={[{ required: true, message: t('required') }]}>
                  <Select loading={programs.isLoading} onChange={() => form.setFieldValue('frameworkVersionId', undefined)}
                    options={(programs.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="year" label={t('year')} rules={[{ required: true, message: t('required') }]}>
                  <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="groupId" label={t('group')} rules={[{ required: true, message: t('required') }]}>
                  <Select showSearch={{ optionFilterProp: 'label' }} loading={groupSets.isLoading} options={groups} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="publishedOn" label={t('publishedOn')} rules={[{ required: true, message: t('required') }]}>
                  <DayPicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > todayIso()} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="decisionNumber" label={t('decisionNumber')}>
                  <Input placeholder={t('decisionPlaceholder')} maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item name="frameworkVersionId" label={t('framework')} extra={t('frameworkHelp')}>
                  <Select allowClear disabled={!programCode} loading={frameworks.isLoading} options={versions} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item name="reason" label={t('reason')} extra={t('reasonHelp')}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </Col>
            </Row>
          </Form>
          <Typography.Paragraph>
            <Button icon={<DownloadOutlined />} href={buildUrl('/results/imports/template.xlsx', { groupId, frameworkVersionId: versionId, ownerUnitId: chosen === PROVINCE ? undefined : chosen })} download>
              {t('template')}
            </Button>
          </Typography.Paragraph>
        </>
      }
      send={send}
      checkedSummary={(r) => (
        <>
          {t('summary', { units: formatInteger(r.units), group: r.groupName, decimals: r.indexDecimals, fields: formatInteger(r.fields.length), number: r.number })}
          {r.ignoredColumns.length > 0 && <div>{t('ignored', { columns: r.ignoredColumns.join(', ') })}</div>}
        </>
      )}
      problemColumns={problemColumns}
      onImported={(r) => {
        void message.success(t('done', { year: form.getFieldValue('year') as number, group: r.groupName, units: formatInteger(r.units) }));
        onImported?.();
        onClose();
      }}
      onClose={onClose}
    />
  );
}
