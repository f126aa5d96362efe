import { useEffect, useMemo, useState } from 'react';
import { App as AntApp, Alert, Button, Checkbox, Empty, Input, Pagination, Select, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { FileSearchOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useNavigate } from '@tanstack/react-router';
import { useAppraisalMatrix, useAppraisalPending, useBulkAccept, evidenceUrl, type AppraisalCriterion, type AppraisalMatrix } from '../../api/appraisal';
import { useCycle, useCycles, useUnitAction, type CriterionView } from '../../api/cycles';
import { useMe } from '../../api/hooks';
import { QueryError, useErrorMessage } from '../../components/errors';
import { CriterionStatusTag, UnitStateTag, pts, useCyT } from '../cycles/parts';
import { BulkConfirmNaDialog } from './BulkConfirmNaDialog';
import { CellDrawer } from './CellDrawer';
import { ReturnForRevisionButton } from '../cycles/NonSubmission';
import { DECIDABLE, claimReason, claimState, pendingClaims } from './claims';
import { useOrganiserT } from '../cycles/non-submission-i18n';
import { choiceAmong } from '../../lib/choice';
import { formatInteger } from '../../format';
import { useGridT } from './i18n';

export interface AppraisalSearch {
  cycle?: string;
  agency?: string;
}

type Unit = AppraisalMatrix['units'][number];
/**
 * Units (columns) shown at once: an agency appraising a whole province has thousands of units, which
 * no screen shows side by side; the server sends one page of them, found by name or code.
 */
export const UNIT_PAGE = 20;
/** The search is sent once typing pauses this long (ms). */
const SEARCH_PAUSE = 300;
const CELL = { display: 'flex', flexDirection: 'column', gap: 4, alignItems: 'flex-start' } as const;
const CELL_LINE = { display: 'flex', gap: 6, alignItems: 'center' } as const;
/** Bulk accept takes ordinary self-scores only: a not-applicable claim is confirmed or refused. */
const acceptable = (v: CriterionView | undefined): v is CriterionView => !!v && v.may.decide && DECIDABLE.has(v.status) && claimReason(v) === null;

/** `value`, once it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The grid cell's mark for a not-applicable claim: waiting (gold), confirmed, refused. */
function ClaimTag({ view }: { view: CriterionView }) {
  const { t } = useCyT();
  const state = claimState(view);
  if (state === 'pending') {
    return <Tooltip title={t('appraisal.na.tagPendingHint', { reason: claimReason(view) })}><Tag color="gold">{t('appraisal.na.tagPending')}</Tag></Tooltip>;
  }
  if (state === 'confirmed') return <Tag>{t('appraisal.na.tagConfirmed')}</Tag>;
  if (state === 'refused') return <Tag color="red">{t('appraisal.na.tagRefused')}</Tag>;
  return null;
}

/** The appraising agency's matrix: its criteria × the units, with self-scores and evidence one click away. */
export function AppraisalPage({ search }: { search: AppraisalSearch }) {
  const { t } = useCyT();
  const { t: tg } = useGridT();
  const me = useMe();
  const navigate = useNavigate();
  const cycles = useCycles();
  const openCycles = (cycles.data?.items ?? []).filter((c) => c.status !== 'setup');
  const cycleId = search.cycle ?? openCycles[0]?.id;
  const cycle = useCycle(me?.roles.includes('admin') ? cycleId : undefined);
  // Who appraises an agency's own unit instead: the cycle's organiser (Sở Nội vụ for the province's).
  const { organiser } = useOrganiserT(openCycles.find((c) => c.id === cycleId)?.owner);
  // The units in view: one page of those matching the search, from the server.
  const [query, setQuery] = useState('');
  const needle = useSettled(query.trim(), SEARCH_PAUSE);
  // The page chosen for a search: another search starts at the first (no request for the old one's page).
  const [paging, setPaging] = useState({ needle: '', page: 1 });
  const page = paging.needle === needle ? paging.page : 1;
  const setPage = (n: number) => setPaging({ needle, page: n });
  const matrix = useAppraisalMatrix(cycleId, search.agency, { offset: (page - 1) * UNIT_PAGE, limit: UNIT_PAGE, search: needle });
  // Every cell waiting across all pages (keys and versions): "select every pending cell", the claims per
  // criterion. Asked once the grid has come (it reads every unit's records: the grid's page goes first).
  const pending = useAppraisalPending(cycleId, search.agency, !!matrix.data);
  const [open, setOpen] = useState<{ unitId: string; nodeKey: string } | null>(null);
  /** Selected cells (`unitId|nodeKey`) with the version the appraiser saw. */
  const [selected, setSelected] = useState<Map<string, number>>(new Map());
  const [bulkNa, setBulkNa] = useState<string | null>(null);
  const bulk = useBulkAccept();
  const action = useUnitAction();
  const { message, modal } = AntApp.useApp();
  const errMsg = useErrorMessage();

  const setSearch = (s: AppraisalSearch) => void navigate({ to: '/appraisal', search: s });
  const m = matrix.data;
  const cell = (unitId: string, nodeKey: string): CriterionView | undefined => m?.cells[unitId]?.[nodeKey];
  const agencyName = m ? (typeof m.agency === 'string' ? m.agency : m.agency.name) : '';

  const pageUnits = m?.units ?? [];
  const total = m?.unitTotal ?? 0;
  // A page past the end (another agency with fewer units): the last one.
  const lastPage = Math.max(1, Math.ceil(total / UNIT_PAGE));
  if (m && !matrix.isPlaceholderData && page > lastPage) setPage(lastPage);
  const p = pending.data;
  // Not-applicable claims waiting per criterion, all units, counted once per list (not once per row render).
  const claimCounts = useMemo(() => {
    const out = new Map<string, number>();
    for (const c of p?.claims ?? []) out.set(c.nodeKey, (out.get(c.nodeKey) ?? 0) + 1);
    return out;
  }, [p]);
  const unitName = (unitId: string) => (m?.units.find((x) => x.unitId === unitId) ?? p?.units.find((x) => x.unitId === unitId))?.name ?? unitId;

  const toggle = (k: string, version: number, on: boolean) => setSelected((s) => {
    const n = new Map(s);
    if (on) n.set(k, version); else n.delete(k);
    return n;
  });

  const doBulk = () => {
    if (!cycleId) return;
    const items = [...selected].map(([k, version]) => {
      const [unitId, nodeKey] = k.split('|') as [string, string];
      return { unitId, nodeKey, version };
    });
    bulk.mutate({ cycleId, items }, {
      onSuccess: (r) => {
        setSelected(new Map());
        if (r.skipped.length === 0) void message.success(t('appraisal.bulkDone', { accepted: r.accepted }));
        else modal.warning({
          title: t('appraisal.bulkDone', { accepted: r.accepted }),
          content: (
            <>
              <Typography.Paragraph>{t('appraisal.bulkSkipped', { count: r.skipped.length })}</Typography.Paragraph>
              <ul>{r.skipped.map((s) => {
                const c = m?.criteria.find((x) => x.nodeKey === s.nodeKey);
                return <li key={`${s.unitId}|${s.nodeKey}`}>{c?.code ?? s.nodeKey} — {unitName(s.unitId)}: {s.message}</li>;
              })}</ul>
            </>
          ),
        });
      },
      onError: (e) => void message.error(errMsg(e)),
    });
  };

  const unitAction = (u: Unit, act: 'start_appraisal' | 'complete_appraisal') => {
    if (!cycleId) return;
    action.mutate({ cycleId, unitId: u.unitId, action: act }, {
      onSuccess: () => void message.success(t('appraisal.actionDone', { action: t(act === 'start_appraisal' ? 'appraisal.startAppraisal' : 'appraisal.completeAppraisal') })),
      onError: (e) => void modal.error({ title: u.name, content: errMsg(e) }),
    });
  };

  // One page of units: the columns are cheap to build on each render (the counts above are memoised).
  const act = { unitAction, toggle };
  const columns = [
    {
      title: t('appraisal.criterion'), key: 'criterion', fixed: 'left' as const, width: 280,
      render: (_v: unknown, c: AppraisalCriterion) => {
        const claims = claimCounts.get(c.nodeKey) ?? 0;
        return (
          <div><strong>{c.code}</strong> {c.name}<br /><Typography.Text type="secondary">{t('common.max')}: {pts(c.maxPoints)}</Typography.Text>
            {claims > 0 && (
              <div><Button size="small" style={{ marginTop: 4 }} aria-label={t('appraisal.na.bulkButtonLabel', { criterion: c.code, count: claims })}
                onClick={() => setBulkNa(c.nodeKey)}>{t('appraisal.na.bulkButton', { count: claims })}</Button></div>
            )}
          </div>
        );
      },
    },
    ...pageUnits.map((u) => ({
      key: u.unitId,
      width: 190,
      title: (
        <Space orientation="vertical" size={2}>
          <span>{u.name}</span>
          <UnitStateTag state={u.state} />
          {u.state === 'submitted' && <Button size="small" onClick={() => act.unitAction(u, 'start_appraisal')}>{t('appraisal.startAppraisal')}</Button>}
          {['in_appraisal', 'explained', 'explanation_requested'].includes(u.state) && (
            <Button size="small" onClick={() => act.unitAction(u, 'complete_appraisal')}>{t('appraisal.completeAppraisal')}</Button>
          )}
          {cycleId && <ReturnForRevisionButton cycleId={cycleId} unit={u} />}
        </Space>
      ),
      render: (_v: unknown, c: AppraisalCriterion) => {
        const v = m?.cells[u.unitId]?.[c.nodeKey];
        if (!v) return <Typography.Text type="secondary">—</Typography.Text>;
        const k = `${u.unitId}|${c.nodeKey}`;
        const label = t('appraisal.openCell', { criterion: c.code, unit: u.name });
        const ev = v.self.evidence;
        const shown = v.council?.points ?? v.appraisal?.points;
        // Plain flex boxes (not antd Space): a page of the grid holds hundreds of cells.
        return (
          <div style={CELL} data-testid={`cell-${c.code}-${u.code}`}>
            <div style={CELL_LINE}>
              {acceptable(v) && (
                <Checkbox aria-label={t('appraisal.selectCell', { criterion: c.code, unit: u.name })} checked={selected.has(k)} onChange={(e) => act.toggle(k, v.version, e.target.checked)} />
              )}
              <Button type="link" size="small" style={{ padding: 0 }} aria-label={label} onClick={() => setOpen({ unitId: u.unitId, nodeKey: c.nodeKey })}>
                <FileSearchOutlined aria-hidden /> {claimReason(v) !== null ? t('appraisal.na.short') : pts(v.self.points)}{shown !== undefined && shown !== null && shown !== v.self.points ? ` → ${pts(shown)}` : ''}
              </Button>
              {ev.length > 0 && (
                <Tooltip title={ev.map((e) => e.title || e.originalName).join(', ')}>
                  <a href={evidenceUrl(ev[0]!.id)} target="_blank" rel="noreferrer" aria-label={t('appraisal.openEvidence', { name: ev[0]!.originalName })}>
                    <PaperClipOutlined aria-hidden />{ev.length > 1 ? ev.length : ''}
                  </a>
                </Tooltip>
              )}
            </div>
            <div style={{ ...CELL_LINE, gap: 4, flexWrap: 'wrap' }}><CriterionStatusTag status={v.status} />{claimState(v) !== null && <ClaimTag view={v} />}</div>
            {v.ownAgencyUnit && (
              <Tooltip title={t('appraisal.ownAgencyUnitHelp', { organiser })}>
                <Tag color="purple" style={{ whiteSpace: 'normal' }}>{t('appraisal.ownAgencyUnit', { organiser })}</Tag>
              </Tooltip>
            )}
          </div>
        );
      },
    })),
  ];

  const bulkCriterion = bulkNa && m ? m.criteria.find((c) => c.nodeKey === bulkNa) : undefined;
  const current = open && m ? { criterion: m.criteria.find((c) => c.nodeKey === open.nodeKey), unit: m.units.find((u) => u.unitId === open.unitId), view: cell(open.unitId, open.nodeKey) } : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('appraisal.title')}{agencyName ? ` — ${agencyName}` : ''}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('appraisal.intro')}</Typography.Paragraph>
      <Space wrap>
        <Select aria-label={t('common.cycle')} placeholder={t('common.chooseCycle')} style={{ width: 300 }} value={choiceAmong(cycleId, openCycles.map((c) => c.id))} loading={cycles.isLoading}
          options={openCycles.map((c) => ({ value: c.id, label: c.name }))} onChange={(v: string) => setSearch({ cycle: v })} />
        {cycle.data && (
          <Select aria-label={t('appraisal.agencyPick')} placeholder={t('appraisal.agencyPick')} style={{ width: 300 }} allowClear value={search.agency}
            options={cycle.data.agencies.map((a) => ({ value: a.agencyCode, label: `${a.agencyCode} — ${a.agencyName || a.unitName}` }))}
            onChange={(v?: string) => setSearch({ cycle: cycleId, agency: v })} />
        )}
        {m && (total > UNIT_PAGE || query !== '') && (
          <Input.Search allowClear aria-label={tg('find')} placeholder={tg('find')} style={{ width: 260 }} value={query}
            onChange={(e) => setQuery(e.target.value)} />
        )}
        <Button onClick={() => setSelected(new Map((p?.accept ?? []).map((c) => [`${c.unitId}|${c.nodeKey}`, c.version])))}
          disabled={!p || p.accept.length === 0} loading={pending.isLoading}>{t('appraisal.selectPending')}</Button>
        <Button type="primary" disabled={selected.size === 0} loading={bulk.isPending} onClick={doBulk}>{t('appraisal.bulkAccept', { count: selected.size })}</Button>
      </Space>
      {matrix.error ? <QueryError error={matrix.error} onRetry={() => void matrix.refetch()} />
        : !cycleId && !cycles.isLoading ? <Empty description={t('common.noCycle')} />
        : !m ? <Skeleton active />
        : m.criteria.length === 0 ? <Alert type="info" showIcon title={t('appraisal.noCells')} />
        : (
          <>
            {total > UNIT_PAGE && (
              <Pagination size="small" current={page} pageSize={UNIT_PAGE} total={total} showSizeChanger={false} onChange={setPage}
                showTotal={(total, [from, to]) => tg('range', { from: formatInteger(from), to: formatInteger(to), total: formatInteger(total) })} />
            )}
            {total === 0 && needle !== '' && <Alert type="info" showIcon title={tg('noMatch', { query: needle })} />}
            <Table<AppraisalCriterion> rowKey="nodeKey" size="small" bordered dataSource={m.criteria} columns={columns} pagination={false}
              scroll={{ x: 280 + 190 * pageUnits.length }} loading={matrix.isFetching && !matrix.isLoading} />
          </>
        )}
      {current?.criterion && current.unit && current.view && cycleId && (
        <CellDrawer cycleId={cycleId} criterion={current.criterion} unit={current.unit} view={current.view}
          explanationTo={openCycles.find((c) => c.id === cycleId)?.calendar.explanationTo} onClose={() => setOpen(null)} />
      )}
      {bulkCriterion && cycleId && (
        <BulkConfirmNaDialog cycleId={cycleId} criterion={bulkCriterion} claims={pendingClaims(p, bulkCriterion.nodeKey)} onClose={() => setBulkNa(null)} />
      )}
    </Space>
  );
}
