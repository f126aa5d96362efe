/**
 * The survey's links and QR codes (issue 13 §3–4): per questionnaire × rated unit, the quota, the
 * links made, opened, answered and revoked, every channel's responses and the rate against the
 * quota; for the administrator, making links, their files (Excel, CSV, QR slips), revoking and the
 * mails to sampled respondents. A table on a wide screen, one compact item per unit on a phone.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Grid, List, Popconfirm, Segmented, Space, Table, Tooltip, Typography } from 'antd';
import { DownloadOutlined, LinkOutlined, MailOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { QueryError, useErrorMessage } from '../../../components/errors';
import { formatInteger, formatPercent } from '../../../format';
import { linksFileUrl, qrSheetUrl, useInvitationOverview, useSendReminders, type InvitationCounts, type InvitationOverview } from './api';
import { CreateLinksModal } from './CreateLinksModal';
import { LinksDrawer } from './LinksDrawer';
import { useCollectionT } from './i18n';

/** Responses against the quota, as a percentage with one decimal ("40,0 %"); a dash without a quota. */
export const responseRate = (r: Pick<InvitationCounts, 'responses' | 'quota'>): string =>
  r.quota ? formatPercent((r.responses / r.quota) * 100) : '—';

export function FileButtons({ surveyId, questionnaireId, unitId }: { surveyId: string; questionnaireId: string; unitId?: string }) {
  const { t } = useCollectionT();
  const q = { questionnaireId, ...(unitId ? { unitId } : {}) };
  return (
    <Space wrap>
      <Button icon={<DownloadOutlined />} href={linksFileUrl(surveyId, q, 'xlsx')} download>{t('downloadXlsx')}</Button>
      <Button icon={<DownloadOutlined />} href={linksFileUrl(surveyId, q, 'csv')} download>{t('downloadCsv')}</Button>
      <Button icon={<PrinterOutlined />} href={qrSheetUrl(surveyId, q)} target="_blank" rel="noopener">{t('printQr')}</Button>
    </Space>
  );
}

function MailButton({ surveyId }: { surveyId: string }) {
  const { t } = useCollectionT();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const send = useSendReminders(surveyId);
  const run = async () => {
    try {
      const r = await send.mutateAsync(undefined);
      if (!r.mailEnabled) return void message.warning(t('mailOff'), 8);
      void message.success(t('mailed', { invited: formatInteger(r.invited), reminded: formatInteger(r.reminded) }));
      if (r.failed > 0) void message.warning(t('mailFailed', { count: r.failed }));
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <Popconfirm title={t('mail')} description={<div style={{ maxWidth: 320 }}>{t('mailConfirm')}</div>} onConfirm={run}>
      <Button icon={<MailOutlined />} loading={send.isPending}>{t('mail')}</Button>
    </Popconfirm>
  );
}

function CountsTable({ rows, onOpen }: { rows: InvitationCounts[]; onOpen?: (r: InvitationCounts) => void }) {
  const { t } = useCollectionT();
  const n = (v: number) => formatInteger(v);
  const figure = { align: 'right' as const, onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }) };
  return (
    <Table<InvitationCounts>
      rowKey="unitId" size="small" pagination={false} dataSource={rows} scroll={{ x: 900 }}
      columns={[
        { title: t('col.unit'), dataIndex: 'unitName', render: (name: string, r) => <span title={r.unitCode}>{name}</span> },
        { title: t('col.quota'), dataIndex: 'quota', ...figure, render: (v: number | null) => (v === null ? <Typography.Text type="secondary">{t('noQuota')}</Typography.Text> : n(v)) },
        { title: t('col.created'), dataIndex: 'created', ...figure, render: n },
        { title: t('col.opened'), dataIndex: 'opened', ...figure, render: n },
        { title: t('col.used'), dataIndex: 'used', ...figure, render: n },
        { title: t('col.revoked'), dataIndex: 'revoked', ...figure, render: n },
        { title: <Tooltip title={t('responsesHelp')}>{t('col.responses')}</Tooltip>, dataIndex: 'responses', ...figure, render: n },
        { title: t('col.rate'), key: 'rate', ...figure, render: (_: unknown, r) => responseRate(r) },
        ...(onOpen ? [{ title: t('col.actions'), key: 'actions', render: (_: unknown, r: InvitationCounts) => <Button size="small" icon={<LinkOutlined />} onClick={() => onOpen(r)}>{t('links')}</Button> }] : []),
      ]}
    />
  );
}

function CountsItems({ rows, onOpen }: { rows: InvitationCounts[]; onOpen?: (r: InvitationCounts) => void }) {
  const { t } = useCollectionT();
  return (
    <List
      dataSource={rows}
      renderItem={(r) => (
        <List.Item actions={onOpen ? [<Button key="links" size="small" icon={<LinkOutlined />} onClick={() => onOpen(r)} aria-label={`${t('links')} — ${r.unitName}`} />] : []}>
          <List.Item.Meta
            title={<span>{r.unitName} <Typography.Text type="secondary">· {responseRate(r)}</Typography.Text></span>}
            description={t('item.summary', { used: formatInteger(r.used), created: formatInteger(r.created), responses: formatInteger(r.responses), quota: r.quota === null ? t('noQuota') : formatInteger(r.quota) })}
          />
        </List.Item>
      )}
    />
  );
}

function Collection({ surveyId, data }: { surveyId: string; data: InvitationOverview }) {
  const { t } = useCollectionT();
  const wide = Grid.useBreakpoint().md !== false;
  const [picked, setPicked] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<InvitationCounts | null>(null);
  const questionnaire = data.questionnaires.find((q) => q.id === picked) ?? data.questionnaires[0];
  const rows = useMemo(() => data.rows.filter((r) => r.questionnaireId === questionnaire?.id), [data.rows, questionnaire?.id]);
  if (!questionnaire) return <Alert type="info" showIcon title={t('noQuestionnaire')} />;
  const manage = data.mayManage && data.status !== 'closed';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('intro')}</Typography.Paragraph>
      {data.status === 'closed' && <Alert type="info" showIcon title={t('closed')} />}
      {data.questionnaires.length > 1 && (
        <Segmented value={questionnaire.id} onChange={(v) => setPicked(String(v))} options={data.questionnaires.map((q) => ({ value: q.id, label: <Tooltip title={q.title}>{q.code}</Tooltip> }))} />
      )}
      {!questionnaire.hasVersion && <Alert type="warning" showIcon title={t('noVersion')} />}
      {data.mayManage && (
        <Space wrap>
          {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('create')}</Button>}
          {data.status === 'open' && <MailButton surveyId={surveyId} />}
          <FileButtons surveyId={surveyId} questionnaireId={questionnaire.id} />
        </Space>
      )}
      {wide ? <CountsTable rows={rows} onOpen={data.mayManage ? setOpen : undefined} /> : <CountsItems rows={rows} onOpen={data.mayManage ? setOpen : undefined} />}
      {creating && <CreateLinksModal surveyId={surveyId} questionnaire={questionnaire} units={rows} onClose={() => setCreating(false)} />}
      {open && (
        <LinksDrawer surveyId={surveyId} questionnaireId={questionnaire.id} row={open} mayManage={data.mayManage} mayRevoke={manage} onClose={() => setOpen(null)} />
      )}
    </Space>
  );
}

export function LinksTab({ surveyId }: { surveyId: string }) {
  const { t } = useCollectionT();
  const overview = useInvitationOverview(surveyId);
  return (
    <Card title={t('title')} role="region" aria-label={t('title')} data-testid="survey-links">
      {overview.error ? <QueryError error={overview.error} onRetry={() => void overview.refetch()} />
        : !overview.data ? <Table loading dataSource={[]} /> : <Collection surveyId={surveyId} data={overview.data} />}
    </Card>
  );
}
