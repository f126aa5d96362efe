/** Conclusion notices (§1): the list with each notice's progress, a year filter, and recording a new one. */
import { useMemo, useState } from 'react';
import { Button, Grid, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from '@tanstack/react-router';
import { useNotices, type Notice } from '../../../api/follow-up-tasks';
import { useMe } from '../../../api/hooks';
import { QueryError } from '../../../components/errors';
import { formatDate } from '../../../format';
import type { FollowUpSearch } from '../search';
import { useNoticesT } from './i18n';
import { NoticeFormModal } from './NoticeForm';
import { NoticeItems, NoticeProgress } from './parts';

export function NoticesPage({ search }: { search: FollowUpSearch; id?: string }) {
  const { t } = useNoticesT();
  const me = useMe();
  const navigate = useNavigate();
  const year = search.year && /^\d{4}$/.test(search.year) ? Number(search.year) : undefined;
  const notices = useNotices(year);
  // The years to filter by: those of every notice (asked once without the filter).
  const all = useNotices(undefined, year !== undefined);
  const years = useMemo(() => {
    const ys = new Set((year === undefined ? notices.data : all.data)?.items.map((n) => n.year) ?? []);
    if (year) ys.add(year);
    return [...ys].sort((a, b) => b - a);
  }, [year, notices.data, all.data]);
  const [creating, setCreating] = useState(false);
  const isAdmin = !!me?.roles.includes('admin');
  const phone = Grid.useBreakpoint().md === false;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('title')}</Typography.Title>
        {isAdmin && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('create')}</Button>}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('intro')}</Typography.Paragraph>
      <Select<number>
        aria-label={t('year')}
        placeholder={t('allYears')}
        allowClear
        value={year}
        onChange={(v) => void navigate({ to: '/follow-up/notices', search: v ? { year: String(v) } : {}, replace: true })}
        style={{ width: 200, maxWidth: '100%' }}
        options={years.map((y) => ({ value: y, label: String(y) }))}
      />
      {notices.error ? <QueryError error={notices.error} onRetry={() => void notices.refetch()} /> : phone ? (
        <NoticeItems notices={notices.data?.items ?? []} loading={notices.isLoading} emptyText={t('none')} />
      ) : (
        <Table<Notice>
          rowKey="id"
          loading={notices.isLoading}
          dataSource={notices.data?.items ?? []}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('none') }}
          columns={[
            {
              title: t('col.number'), key: 'number', width: 150,
              render: (_v, n) => <Link to="/follow-up/notices/$noticeId" params={{ noticeId: n.id }}>{n.number}</Link>,
            },
            { title: t('col.issuedOn'), key: 'issuedOn', width: 110, render: (_v, n) => formatDate(n.issuedOn) },
            { title: t('col.title'), dataIndex: 'title' },
            { title: t('col.chairedBy'), dataIndex: 'chairedBy', width: 220, responsive: ['lg'] },
            { title: t('col.year'), dataIndex: 'year', width: 110 },
            { title: t('col.progress'), key: 'progress', width: 240, render: (_v, n) => <NoticeProgress counts={n.tasks} /> },
          ]}
        />
      )}
      {creating && <NoticeFormModal onClose={() => setCreating(false)} />}
    </Space>
  );
}
