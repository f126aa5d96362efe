import { Alert, Button, Card, Empty, Layout, Select, Skeleton, Space, Typography } from 'antd';
import { DownloadOutlined, LoginOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link, useNavigate } from '@tanstack/react-router';
import { programCode, programName, resultsExportUrl, snapshotDocumentUrl, usePublishedResults, useResultSnapshot } from '../../api/results';
import { DemoBanner } from '../../components/DemoBanner';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { QueryError } from '../../components/errors';
import { formatDate } from '../../format';
import { useCyT } from '../cycles/parts';
import { PublicRanking } from './PublicRanking';
import { GroupPredecessorResults } from './PredecessorResults';

export interface PublicSearch {
  cycle?: string;
  group?: string;
  number?: number;
  program?: string;
  year?: number;
}

/** Published results, no login: program, year and group pickers; ranking; earlier amendments readable. */
export function PublicResultsPage({ search, path }: { search: PublicSearch; path: '/cong-khai' | '/public' }) {
  const { t } = useCyT();
  const navigate = useNavigate();
  const list = usePublishedResults();
  const items = list.data?.items ?? [];
  const programs = [...new Map(items.map((i) => [programCode(i.program), programName(i.program)])).entries()];
  const chosen = items.find((i) => i.cycleId === search.cycle && i.groupId === search.group);
  const program = search.program ?? (chosen ? programCode(chosen.program) : programs[0]?.[0]);
  const years = [...new Set(items.filter((i) => programCode(i.program) === program).map((i) => i.year))].sort((a, b) => b - a);
  const year = search.year ?? chosen?.year ?? years[0];
  const groups = items.filter((i) => programCode(i.program) === program && i.year === year);
  const entry = chosen ?? groups[0];
  const snapshot = useResultSnapshot(entry?.cycleId, entry?.groupId, search.number);
  const go = (s: PublicSearch) => void navigate({ to: path, search: s });

  const s = snapshot.data;
  const fieldCount = s?.rows[0]?.fields.length ?? 0;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <DemoBanner />
      <Layout.Header className="chiso-header" role="banner">
        <Link to="/cong-khai" className="brand">{t('public.title')}</Link>
        <span className="spacer" />
        <Space>
          <LanguageSwitch dark />
          <Link to="/login" search={{ redirect: undefined }}><Button icon={<LoginOutlined />}>{t('public.login')}</Button></Link>
        </Space>
      </Layout.Header>
      <Layout.Content id="main" className="chiso-content" role="main">
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('public.title')}</Typography.Title>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('public.intro')}</Typography.Paragraph>
          {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : list.isLoading ? <Skeleton active /> : items.length === 0 ? (
            <Empty description={t('public.none')} />
          ) : (
            <>
              <Space wrap>
                <Select aria-label={t('public.program')} style={{ width: 280, maxWidth: '100%' }} value={program}
                  options={programs.map(([code, name]) => ({ value: code, label: name }))} onChange={(v: string) => go({ program: v })} />
                <Select aria-label={t('public.year')} style={{ width: 110 }} value={year}
                  options={years.map((y) => ({ value: y, label: String(y) }))} onChange={(v: number) => go({ program, year: v })} />
                <Select aria-label={t('public.group')} style={{ width: 240, maxWidth: '100%' }} value={entry ? `${entry.cycleId}|${entry.groupId}` : undefined}
                  options={groups.map((g) => ({ value: `${g.cycleId}|${g.groupId}`, label: g.groupName }))}
                  onChange={(v: string) => { const [c, g] = v.split('|'); go({ cycle: c, group: g }); }} />
                {entry && (
                  <Select aria-label={t('public.version')} style={{ width: 180 }} value={search.number ?? entry.latestNumber}
                    options={Array.from({ length: entry.latestNumber }, (_v, i) => entry.latestNumber - i).map((n) => ({
                      value: n, label: `${t('public.versionLabel', { number: n })}${n === entry.latestNumber ? ` ${t('public.latest')}` : ''}`,
                    }))}
                    onChange={(n: number) => go({ cycle: entry.cycleId, group: entry.groupId, number: n === entry.latestNumber ? undefined : n })} />
                )}
                {entry && (
                  <Button icon={<DownloadOutlined />} href={resultsExportUrl(entry.cycleId, entry.groupId, search.number)}>{t('common.export')}</Button>
                )}
              </Space>
              {snapshot.error ? <QueryError error={snapshot.error} /> : !s ? <Skeleton active /> : (
                <Card size="small" title={`${s.groupName} — ${year ?? ''}`} extra={
                  <Typography.Text type="secondary">
                    {[s.decisionNumber ? t('public.decision', { number: s.decisionNumber }) : null, t('public.publishedAt', { date: formatDate(s.createdAt) })].filter(Boolean).join(' · ')}
                  </Typography.Text>
                }>
                  {s.reason && s.number > 1 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('public.amendment', { reason: s.reason })} />}
                  <PublicRanking rows={s.rows} />
                  {fieldCount > 0 && (
                    <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                      {t('public.fieldLegend')}: {(s.rows[0]?.fields ?? []).map((f) => `${f.code}. ${f.name}`).join(' · ')}
                    </Typography.Paragraph>
                  )}
                  {s.hash && entry && (
                    <div className="chiso-snapshot-hash" data-testid="snapshot-hash">
                      <Space wrap size="small" align="center">
                        <Typography.Text strong><SafetyCertificateOutlined /> {t('public.hash')}:</Typography.Text>
                        <Typography.Text code copyable className="chiso-hash">{s.hash}</Typography.Text>
                        <Button size="small" icon={<DownloadOutlined />} href={snapshotDocumentUrl(entry.cycleId, entry.groupId, search.number)}>{t('public.hashDownload')}</Button>
                      </Space>
                      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>{t('public.hashHelp')}</Typography.Paragraph>
                    </div>
                  )}
                </Card>
              )}
              {entry && <GroupPredecessorResults cycleId={entry.cycleId} groupId={entry.groupId} path={path} />}
            </>
          )}
        </Space>
      </Layout.Content>
    </Layout>
  );
}
