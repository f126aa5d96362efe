import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type AuditLine, describeAutosaves, groupAutosaves } from '@chiso/core';
import type { AuditEvent } from '../../api/types';
import { formatDateTime } from '../../format';
import { DiffView } from './DiffView';

type Fact = AuditEvent & { unitName: string | null };
type Row = { key: string; line: AuditLine<Fact> };

const time = (iso: string) => formatDateTime(iso).slice(-5);

/** One event's details: the reason, what changed field by field, the address it came from. */
function EventDetails({ e }: { e: AuditEvent }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {e.reason && <Typography.Text><strong>{t('common.reason')}:</strong> {e.reason}</Typography.Text>}
      <DiffView before={e.before} after={e.after} />
      <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
        {e.actor?.username ?? t('audit.system')} · {e.entityType} {e.entityId}{e.ip ? ` · ${e.ip}` : ''}
      </Typography.Text>
    </Space>
  );
}

/**
 * The trail as sentences, newest first. Successive autosaves of one criterion by one person are
 * one line ("12 lần lưu tự động, 09:02–09:40") that opens to every save, each kept and readable.
 */
export function AuditLines({ events, loading, pagination }: {
  events: AuditEvent[];
  loading: boolean;
  pagination: React.ComponentProps<typeof Table>['pagination'];
}) {
  const { t } = useTranslation();
  const rows: Row[] = groupAutosaves<Fact>(events.map((e) => ({ ...e, unitName: e.unit?.name ?? null }))).map((line) => ({
    key: line.kind === 'event' ? String(line.event.id) : `g${line.first.id}-${line.last.id}`,
    line,
  }));
  return (
    <Table<Row>
      rowKey="key"
      size="middle"
      loading={loading}
      dataSource={rows}
      locale={{ emptyText: t('audit.empty') }}
      pagination={pagination}
      expandable={{
        expandedRowRender: ({ line }) => line.kind === 'event' ? <EventDetails e={line.event} /> : (
          <ol className="audit-group" aria-label={t('audit.autosaves', { count: line.events.length, from: time(line.first.at), to: time(line.last.at) })}>
            {line.events.map((e) => (
              <li key={e.id}>
                <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text> {e.sentence}
              </li>
            ))}
          </ol>
        ),
      }}
      columns={[
        {
          title: t('audit.fields.at'),
          key: 'at',
          width: 150,
          render: (_v, { line }) => line.kind === 'event' ? formatDateTime(line.event.at)
            : `${formatDateTime(line.first.at).slice(0, 10)} ${time(line.first.at)}–${time(line.last.at)}`,
        },
        {
          title: t('audit.fields.what'),
          key: 'what',
          render: (_v, { line }) => line.kind === 'event'
            ? <span data-testid="audit-sentence">{line.event.sentence}</span>
            : (
              <span data-testid="audit-sentence">
                {describeAutosaves(line)}{' '}
                <Tag color="blue">{t('audit.autosaves', { count: line.events.length, from: time(line.first.at), to: time(line.last.at) })}</Tag>
              </span>
            ),
        },
      ]}
    />
  );
}
