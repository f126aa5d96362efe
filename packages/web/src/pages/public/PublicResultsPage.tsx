import { useEffect, useMemo } from 'react';
import { Alert, Button, Card, Empty, Select, Skeleton, Space, Typography } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useNavigate } from '@tanstack/react-router';
import { programCode, programName, readerOrder, resultsExportUrl, snapshotDocumentUrl, usePublishedResults, useResultSnapshot, type PublishedGroup } from '../../api/results';
import { usePublicYearOverYear } from '../../api/public-results';
import { preloadECharts } from '../../components/charts/EChart';
import { QueryError } from '../../components/errors';
import { formatDate } from '../../format';
import { useCyT } from '../cycles/parts';
import { GroupCharts } from './GroupCharts';
import { GroupSummary, OpenDataLinks } from './GroupSummary';
import { PublicLayout, type PublicPath } from './PublicLayout';
import { PublicRanking } from './PublicRanking';
import { GroupPredecessorResults } from './PredecessorResults';
import { usePublicT } from './public-i18n';
import './public.css';

export interface PublicSearch {
  cycle?: string;
  group?: string;
  number?: number;
  program?: string;
  year?: number;
}

/** The organiser after the group's name when the cycle is a department's or district's. */
function groupLabel(g: PublishedGroup): string {
  return g.owner ? `${g.groupName} — ${g.owner.name}` : g.groupName;
}

/**
 * Published results, no login: program, year and group pickers (naming the organiser); the group's
 * figures at a glance, its ranking with field names and year-over-year change, its charts, open
 * data, check code and earlier amendments.
 */
export function PublicResultsPage({ search, path }: { search: PublicSearch; path: PublicPath }) {
  const { t } = useCyT();
  const { t: tp } = usePublicT();
  const navigate = useNavigate();
  const list = usePublishedResults();
  // The charts' library loads alongside the results, not once they have arrived.
  useEffect(preloadECharts, []);
  // The province's newest groups first (in the group set's order), then the lower levels'.
  const items = useMemo(() => readerOrder(list.data?.items ?? []), [list.data]);
  const programs = [...new Map(items.map((i) => [programCode(i.program), programName(i.program)])).entries()];
  const chosen = items.find((i) => i.cycleId === search.cycle && i.groupId === search.group);
  const program = search.program ?? (chosen ? programCode(chosen.program) : programs[0]?.[0]);
  const years = [...new Set(items.filter((i) => programCode(i.program) === program).map((i) => i.year))].sort((a, b) => b - a);
  // The year of the program's first group in the reader's order (the province's newest), not simply the newest year.
  const year = search.year ?? chosen?.year ?? items.find((i) => programCode(i.program) === program)?.year;
  const groups = items.filter((i) => programCode(i.program) === program && i.year === year);
  const entry = chosen ?? groups[0];
  const snapshot = useResultSnapshot(entry?.cycleId, entry?.groupId, search.number);
  const latest = !entry || search.number === undefined || search.number === entry.latestNumber;
  const yoyQuery = usePublicYearOverYear(latest ? entry?.cycleId : undefined, latest ? entry?.groupId : undefined);
  const yoy = latest ? yoyQuery.data : undefined;
  const go = (s: PublicSearch) => void navigate({ to: path, search: s });
  const openUnit = (unitId: string) => void (path === '/cong-khai'
    ? navigate({ to: '/cong-khai/don-vi/$unitId', params: { unitId } })
    : navigate({ to: '/public/units/$unitId', params: { unitId } }));

  const s = snapshot.data;
  const fieldCount = s?.rows[0]?.fields.length ?? 0;

  return (
    <PublicLayout path={path}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('public.title')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="public-intro">
          {entry ? tp('intro', { organiser: entry.owner?.name ?? tp('province') }) : tp('introAny')}
        </Typography.Paragraph>
        {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : list.isLoading ? <Skeleton active /> : items.length === 0 ? (
          <Empty description={t('public.none')} />
        ) : (
          <>
            <div className="public-pickers">
              <Select aria-label={t('public.program')} style={{ width: 280 }} value={program}
                options={programs.map(([code, name]) => ({ value: code, label: name }))} onChange={(v: string) => go({ program: v })} />
              <Select aria-label={t('public.year')} style={{ width: 110 }} value={year}
                options={years.map((y) => ({ value: y, label: String(y) }))} onChange={(v: number) => go({ program, year: v })} />
              <Select aria-label={t('public.group')} style={{ width: 440 }} value={entry ? `${entry.cycleId}|${entry.groupId}` : undefined}
                popupMatchSelectWidth={false}
                options={groups.map((g) => ({ value: `${g.cycleId}|${g.groupId}`, label: groupLabel(g) }))}
                onChange={(v: string) => { const [c, g] = v.split('|'); go({ cycle: c, group: g }); }} />
              {entry && entry.latestNumber > 1 && (
                <Select aria-label={t('public.version')} style={{ width: 180 }} value={search.number ?? entry.latestNumber}
                  options={Array.from({ length: entry.latestNumber }, (_v, i) => entry.latestNumber - i).map((n) => ({
                    value: n, label: `${t('public.versionLabel', { number: n })}${n === entry.latestNumber ? ` ${t('public.latest')}` : ''}`,
                  }))}
                  onChange={(n: number) => go({ cycle: entry.cycleId, group: entry.groupId, number: n === entry.latestNumber ? undefined : n })} />
              )}
              {entry && (
                <Button icon={<DownloadOutlined />} href={resultsExportUrl(entry.cycleId, entry.groupId, search.number)}>{t('common.export')}</Button>
              )}
            </div>
            {snapshot.error ? <QueryError error={snapshot.error} /> : !s || !entry ? <Skeleton active /> : (
              <Card size="small" title={
                <div style={{ whiteSpace: 'normal', padding: '4px 0', fontWeight: 'normal' }}>
                  <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{s.groupName} — {year ?? ''}</Typography.Title>
                  <Typography.Text type="secondary" data-testid="public-organiser">
                    {entry.owner ? tp('organiser', { name: entry.owner.name }) : tp('organiserProvince')}
                  </Typography.Text>
                  <br />
                  <Typography.Text type="secondary">
                    {[s.decisionNumber ? t('public.decision', { number: s.decisionNumber }) : null, t('public.publishedAt', { date: formatDate(s.createdAt) })].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </div>
              }>
                {s.reason && s.number > 1 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('public.amendment', { reason: s.reason })} />}
                <GroupSummary rows={s.rows} yoy={yoy} />
                <PublicRanking rows={s.rows} yoy={yoy} path={path} />
                {fieldCount > 0 && (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }} data-testid="public-field-legend">
                    {t('public.fieldLegend')}: {(s.rows[0]?.fields ?? []).map((f) => `${f.code}. ${f.name}`).join(' · ')}
                  </Typography.Paragraph>
                )}
                <OpenDataLinks cycleId={entry.cycleId} groupId={entry.groupId} number={search.number} />
                {s.hash && (
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
            {s && <GroupCharts rows={s.rows} yoy={yoy} year={year} onUnit={openUnit} />}
            {entry && <GroupPredecessorResults cycleId={entry.cycleId} groupId={entry.groupId} path={path} />}
          </>
        )}
      </Space>
    </PublicLayout>
  );
}
