import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Card, Checkbox, Col, DatePicker, Dropdown, Empty, Input, Row, Space, Spin, Tag, Tree, Typography } from 'antd';
import type { GetRef, TreeDataNode } from 'antd';
import { DownloadOutlined, MergeCellsOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useMe, useUnits, useUnitTypes } from '../../api/hooks';
import { buildUrl } from '../../api/client';
import { DATE_INPUT_FORMAT, formatDate, formatInteger, todayIso } from '../../format';
import { QueryError } from '../../components/errors';
import { buildUnitTree, defaultParentOf, expandKeysToward, type UnitTreeNode } from './tree';
import { unitsOfOwner } from '../cycles/owner-scope';
import { UnitDetailPanel } from './UnitDetailPanel';
import { UnitFormModal } from './UnitFormModal';
import { MergeModal } from './MergeModal';
import { ImportModal } from './ImportModal';

type Dialog = { kind: 'create' } | { kind: 'merge'; sourceIds: string[] } | { kind: 'import' } | null;

/** A unit is shown as closed when its validity ended before the date being viewed. */
function closedAt(validTo: string | null, at: string): boolean {
  return validTo !== null && validTo < at;
}

function toTreeData(nodes: UnitTreeNode[], at: string): TreeDataNode[] {
  return nodes.map((n) => ({
    key: n.key,
    title: (
      <span className={closedAt(n.unit.validTo, at) ? 'unit-closed' : undefined}>
        {n.unit.name} <Typography.Text type="secondary">({n.unit.code})</Typography.Text>
      </span>
    ),
    children: n.children.length ? toTreeData(n.children, at) : undefined,
  }));
}

export function UnitsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const search = useSearch({ from: '/app/units' });
  const navigate = useNavigate({ from: '/units' });
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [includeClosed, setIncludeClosed] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [expandedOverride, setExpandedOverride] = useState<{ forQuery: string; keys: React.Key[] } | null>(null);

  const at = search.at;
  const units = useUnits({ at, includeClosed: includeClosed ? 'true' : undefined });
  const types = useUnitTypes();
  const typeOrder = useMemo(
    () => new Map((types.data?.items ?? []).map((ty, i) => [ty.code, ty.level * 1000 + i])),
    [types.data],
  );
  const tree = useMemo(
    () => buildUnitTree(units.data?.items ?? [], deferredQuery, typeOrder),
    [units.data, deferredQuery, typeOrder],
  );
  const viewDate = at ?? todayIso();
  const treeData = useMemo(() => toTreeData(tree.roots, viewDate), [tree, viewDate]);
  const scopeId = me?.scope?.id;
  // An organisation's administrator's tree opens on its own unit (expanded, selected).
  const scopeKeys = useMemo(() => (scopeId && !deferredQuery ? expandKeysToward(tree.byId, scopeId) : []), [scopeId, deferredQuery, tree]);
  const expandedKeys =
    expandedOverride && expandedOverride.forQuery === deferredQuery ? expandedOverride.keys : [...new Set([...tree.expandKeys, ...scopeKeys])];

  const select = (id: string | undefined) => void navigate({ search: (s) => ({ ...s, unit: id }) });
  const treeRef = useRef<GetRef<typeof Tree>>(null);
  const openedOnScope = useRef(false);
  const scopeShown = scopeId !== undefined && tree.byId.has(scopeId);
  useEffect(() => {
    if (!scopeShown || openedOnScope.current) return;
    openedOnScope.current = true;
    if (!search.unit) void navigate({ search: (s) => ({ ...s, unit: scopeId }), replace: true });
    // The tree is virtual: bring the scope unit into view once it is rendered open.
    requestAnimationFrame(() => treeRef.current?.scrollTo({ key: search.unit ?? scopeId!, align: 'top' }));
  }, [scopeShown, scopeId, search.unit, navigate]);
  const canManage = me?.may.manageUnits === true;
  // An organisation's administrator places units only under its own (the server refuses the rest).
  const managedUnits = useMemo(() => unitsOfOwner(units.data?.items ?? [], scopeId), [scopeId, units.data]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {t('units.title')}
        </Typography.Title>
        {canManage && (
          <Space wrap>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              {t('units.actions.create')}
            </Button>
            <Button icon={<MergeCellsOutlined />} onClick={() => setDialog({ kind: 'merge', sourceIds: [] })}>
              {t('units.actions.merge')}
            </Button>
            {me?.may.importUnits && (
              <Button icon={<UploadOutlined />} onClick={() => setDialog({ kind: 'import' })}>
                {t('units.actions.import')}
              </Button>
            )}
            <Dropdown
              menu={{
                items: (['csv', 'xlsx'] as const).map((format) => ({
                  key: format,
                  label: (
                    <a href={buildUrl('/units/export', { format, at })} download>
                      {t(`units.export.${format}`)}
                    </a>
                  ),
                })),
              }}
            >
              <Button icon={<DownloadOutlined />}>{t('units.actions.export')}</Button>
            </Dropdown>
          </Space>
        )}
      </Space>

      <Card size="small">
        <Space wrap size="large">
          <Input.Search
            allowClear
            aria-label={t('units.search')}
            placeholder={t('units.searchPlaceholder')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            style={{ width: 320 }}
          />
          <Space>
            <label htmlFor="units-at">{t('units.viewAt')}</label>
            <DatePicker
              id="units-at"
              format={DATE_INPUT_FORMAT}
              value={at ? dayjs(at) : null}
              placeholder={t('units.today')}
              onChange={(d) => void navigate({ search: (s) => ({ ...s, at: d ? d.format('YYYY-MM-DD') : undefined }) })}
            />
          </Space>
          <Checkbox checked={includeClosed} onChange={(e) => setIncludeClosed(e.target.checked)}>
            {t('units.includeClosed')}
          </Checkbox>
          <Tag color="blue">
            {t('units.asOf', { date: formatDate(at ?? todayIso()) })} · {t('units.count', { count: tree.matchCount, formatted: formatInteger(tree.matchCount) })}
          </Tag>
        </Space>
      </Card>

      {units.isError ? (
        <QueryError error={units.error} onRetry={() => void units.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <Card size="small" title={t('units.treeTitle')} className="tree-panel">
              {units.isPending ? (
                <Spin />
              ) : treeData.length === 0 ? (
                <Empty description={t('units.noMatch')} />
              ) : (
                <Tree
                  ref={treeRef}
                  aria-label={t('units.treeTitle')}
                  treeData={treeData}
                  height={560}
                  blockNode
                  showLine
                  selectedKeys={search.unit ? [search.unit] : []}
                  expandedKeys={expandedKeys}
                  onExpand={(keys) => setExpandedOverride({ forQuery: deferredQuery, keys })}
                  onSelect={(keys) => select(keys[0] === undefined ? undefined : String(keys[0]))}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <UnitDetailPanel
              unitId={search.unit}
              units={units.data?.items ?? []}
              at={at}
              onOpenUnit={select}
              onMergeFrom={(id) => setDialog({ kind: 'merge', sourceIds: [id] })}
            />
          </Col>
        </Row>
      )}

      {dialog?.kind === 'create' && (
        <UnitFormModal
          mode="create"
          units={managedUnits}
          defaultParentId={defaultParentOf(search.unit, managedUnits, scopeId)}
          parentRequired={scopeId !== undefined}
          onClose={() => setDialog(null)}
          onSaved={(u) => {
            setDialog(null);
            select(u.id);
          }}
        />
      )}
      {dialog?.kind === 'merge' && (
        <MergeModal
          units={managedUnits}
          initialSourceIds={dialog.sourceIds}
          onClose={() => setDialog(null)}
          onDone={(id) => {
            setDialog(null);
            select(id);
          }}
        />
      )}
      {dialog?.kind === 'import' && <ImportModal onClose={() => setDialog(null)} />}
    </Space>
  );
}
