import { useState } from 'react';
import { Button, Card, Dropdown, Empty, Grid, InputNumber, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import {
  BranchesOutlined, CopyOutlined, DiffOutlined, DownloadOutlined, EditOutlined, EyeOutlined, ImportOutlined, PlusOutlined,
  SendOutlined, UploadOutlined,
} from '@ant-design/icons';
import type { Breakpoint } from 'antd/es/_util/responsiveObserver';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../../api/hooks';
import {
  exportUrl, frameworkVersionQuery, useFrameworkPrograms, useFrameworks, type FrameworkSummary, type VersionSummary,
} from '../../api/frameworks';
import { QueryError, useErrorMessage } from '../../components/errors';
import { formatDate, formatInteger } from '../../format';
import { App as AntApp } from 'antd';
import { StatusTag, useFwT, usePublish } from './parts';
import { NewFrameworkModal } from './NewFrameworkModal';
import { CopyFrameworkModal } from './CopyFrameworkModal';
import { NewVersionModal } from './NewVersionModal';
import { ImportFrameworkModal } from './ImportFrameworkModal';
import { AdoptFrameworkModal } from './AdoptFrameworkModal';

export interface FrameworksSearch {
  program?: string;
  year?: number;
}

type Dialog =
  | { kind: 'create' }
  | { kind: 'import' }
  | { kind: 'copy'; framework: FrameworkSummary }
  | { kind: 'adopt'; framework: FrameworkSummary }
  | { kind: 'version'; framework: FrameworkSummary; fromVersionId?: string }
  | null;

/** The owner filter's value for the province's own frameworks. */
const PROVINCE = 'province';

/** Who owns a framework: the province's (a template for the lower levels), or an organising unit. */
function OwnerCell({ owner, templates }: { owner: FrameworkSummary['owner']; templates: boolean }) {
  const { t } = useFwT();
  if (owner) return <span title={owner.code}>{owner.name}</span>;
  return templates ? <Tag color="geekblue">{t('library.template')}</Tag> : <Tag>{t('library.ownerProvince')}</Tag>;
}

function latest(f: FrameworkSummary): VersionSummary | undefined {
  return [...f.versions].sort((a, b) => b.number - a.number)[0];
}

export function ExportMenu({ versionId, label }: { versionId: string; label?: boolean }) {
  const { t } = useFwT();
  return (
    <Dropdown
      menu={{
        items: (['json', 'xlsx'] as const).map((format) => ({
          key: format,
          label: (
            <a href={exportUrl(versionId, format)} download>
              {t(`library.export.${format}`)}
            </a>
          ),
        })),
      }}
    >
      <Button icon={<DownloadOutlined />} aria-label={t('library.export.label')}>
        {label ? t('library.export.label') : null}
      </Button>
    </Dropdown>
  );
}

export function FrameworksPage() {
  const { t } = useFwT();
  const me = useMe();
  const search = useSearch({ from: '/app/frameworks' });
  const navigate = useNavigate({ from: '/frameworks' });
  const programs = useFrameworkPrograms();
  const list = useFrameworks({ program: search.program, year: search.year });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [owner, setOwner] = useState<string | undefined>(undefined);
  // On a phone the library is one column: the name with its owner, year and actions under it.
  const wide = Grid.useBreakpoint().md === true;
  const [collapsedRows, setCollapsedRows] = useState<Set<string>>(() => new Set());
  const qc = useQueryClient();
  const publish = usePublish();
  const { message } = AntApp.useApp();
  const errMsg = useErrorMessage();
  // Library-wide actions (create, import) follow the session's `may`; a framework's own actions its
  // `may` (its owner's administrator manages it; an organisation's administrator adopts the
  // province's templates). The server enforces both.
  const isAdmin = me?.may.manageFrameworks === true;
  const scope = me?.scope ?? null;
  const all = list.data?.items ?? [];
  const owners = new Map(all.flatMap((f) => (f.owner ? [[f.owner.id, f.owner] as const] : [])));
  const items = owner === undefined ? all : all.filter((f) => (owner === PROVINCE ? f.owner === null : f.owner?.id === owner));

  const open = (versionId: string) => void navigate({ to: '/frameworks/versions/$versionId', params: { versionId } });

  const startPublish = async (v: VersionSummary) => {
    try {
      const full = await qc.fetchQuery(frameworkVersionQuery(v.id));
      if (!full.may.publish) {
        void message.warning(t('publish.notAllowed'));
        return;
      }
      if (full.issues.some((i) => i.severity === 'error')) {
        void message.error(t('publish.hasErrors', { count: full.issues.filter((i) => i.severity === 'error').length }));
        open(v.id);
        return;
      }
      publish.confirm(full);
    } catch (e) {
      void message.error(errMsg(e));
    }
  };

  const versionActions = (f: FrameworkSummary, v: VersionSummary, isLatest: boolean) => {
    const editable = v.status === 'draft' && f.may.manage;
    return (
      <Space wrap size="small">
        <Tooltip title={editable ? t('library.edit') : t('library.view')}>
          <Button
            size="small"
            icon={editable ? <EditOutlined /> : <EyeOutlined />}
            onClick={() => open(v.id)}
            aria-label={`${editable ? t('library.edit') : t('library.view')} ${t('library.versionN', { number: v.number })}`}
          >
            {editable ? t('library.edit') : t('library.view')}
          </Button>
        </Tooltip>
        <ExportMenu versionId={v.id} />
        {editable && (
          <Button size="small" icon={<SendOutlined />} onClick={() => void startPublish(v)} loading={publish.isPending}>
            {t('library.publish')}
          </Button>
        )}
        {f.may.manage && isLatest && v.status === 'published' && (
          <Button size="small" icon={<BranchesOutlined />} onClick={() => setDialog({ kind: 'version', framework: f, fromVersionId: v.id })}>
            {t('library.newVersion')}
          </Button>
        )}
        {v.number > 1 && (
          <Link
            to="/frameworks/diff"
            search={{ from: f.versions.find((x) => x.number === v.number - 1)?.id, to: v.id }}
          >
            <Button size="small" icon={<DiffOutlined />}>
              {t('library.diffPrev')}
            </Button>
          </Link>
        )}
      </Space>
    );
  };

  /** What the actor may do with a framework: its owner's administrator copies it and versions it; the province's templates are adopted. */
  const frameworkActions = (f: FrameworkSummary) => (
    <Space wrap size="small">
      {f.may.manage && (
        <Button size="small" icon={<CopyOutlined />} onClick={() => setDialog({ kind: 'copy', framework: f })}>
          {t('library.copyNextYear')}
        </Button>
      )}
      {f.may.manage && f.versions.some((v) => v.status === 'published') && !f.versions.some((v) => v.status === 'draft') && (
        <Button size="small" icon={<BranchesOutlined />} onClick={() => setDialog({ kind: 'version', framework: f })}>
          {t('library.newVersion')}
        </Button>
      )}
      {f.may.adopt && f.owner === null && f.versions.some((v) => v.status === 'published') && (
        <Button size="small" type={scope ? 'primary' : 'default'} icon={<ImportOutlined />} onClick={() => setDialog({ kind: 'adopt', framework: f })}>
          {scope ? t('library.adopt') : t('library.adoptFor')}
        </Button>
      )}
    </Space>
  );

  const years = Array.from(new Set(all.map((f) => f.year))).sort((a, b) => b - a);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {t('library.title')}
        </Typography.Title>
        {isAdmin && (
          <Space wrap>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              {t('library.create')}
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setDialog({ kind: 'import' })}>
              {t('library.import')}
            </Button>
          </Space>
        )}
      </Space>
      {!isAdmin && <Typography.Text type="secondary">{t('library.readOnlyHint')}</Typography.Text>}
      {isAdmin && scope && <Typography.Text type="secondary">{t('library.templatesHint', { name: scope.name })}</Typography.Text>}

      <Card size="small">
        <Space wrap>
          <label htmlFor="fw-program">{t('library.program')}</label>
          <Select
            id="fw-program"
            allowClear
            style={{ minWidth: 260 }}
            placeholder={t('library.allPrograms')}
            value={search.program}
            loading={programs.isLoading}
            options={(programs.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
            onChange={(program?: string) => void navigate({ search: (s) => ({ ...s, program }) })}
          />
          <label htmlFor="fw-year">{t('library.year')}</label>
          <InputNumber
            id="fw-year"
            min={2000}
            max={2999}
            style={{ width: 120 }}
            placeholder={t('library.allYears')}
            value={search.year}
            onChange={(y) => void navigate({ search: (s) => ({ ...s, year: typeof y === 'number' ? y : undefined }) })}
          />
          {!scope && owners.size > 0 && (
            <Select
              aria-label={t('library.ownerFilter')}
              allowClear
              style={{ minWidth: 240 }}
              placeholder={t('library.allOwners')}
              value={owner}
              onChange={(v?: string) => setOwner(v)}
              options={[
                { value: PROVINCE, label: t('library.ownerProvince') },
                ...[...owners.values()].map((o) => ({ value: o.id, label: o.name })),
              ]}
            />
          )}
          {years.length > 1 && !search.year && (
            <Typography.Text type="secondary">{t('library.yearsHint', { years: years.join(', ') })}</Typography.Text>
          )}
        </Space>
      </Card>

      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<FrameworkSummary>
          rowKey="id"
          loading={list.isLoading}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: <Empty description={t('library.empty')} /> }}
          title={() => t('library.count', { formatted: formatInteger(items.length) })}
          expandable={{
            expandedRowKeys: items.filter((f) => !collapsedRows.has(f.id)).map((f) => f.id),
            onExpand: (expanded, f) =>
              setCollapsedRows((c) => {
                const n = new Set(c);
                if (expanded) n.delete(f.id);
                else n.add(f.id);
                return n;
              }),
            rowExpandable: (f) => f.versions.length > 0,
            expandedRowRender: (f) => {
              const top = latest(f);
              return (
                <div role="region" aria-label={t('library.versionsOf', { name: f.name })}>
                <Table<VersionSummary>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={[...f.versions].sort((a, b) => b.number - a.number)}
                  columns={[
                    { title: t('library.version'), dataIndex: 'number', width: 90, render: (n: number) => t('library.versionN', { number: n }) },
                    { title: t('library.status'), dataIndex: 'status', width: 130, render: (s: VersionSummary['status']) => <StatusTag status={s} /> },
                    { title: t('library.reason'), dataIndex: 'reason', responsive: ['md'], render: (r: string | null) => r || '—' },
                    { title: t('library.createdAt'), dataIndex: 'createdAt', width: 120, responsive: ['md'], render: (d: string) => formatDate(d) },
                    { title: t('library.publishedAt'), dataIndex: 'publishedAt', width: 120, responsive: ['md'], render: (d: string | null) => formatDate(d) },
                    { title: t('common.actions'), key: 'a', render: (_: unknown, v) => versionActions(f, v, v.id === top?.id) },
                  ]}
                />
                </div>
              );
            },
          }}
          columns={[
            {
              title: t('library.name'),
              dataIndex: 'name',
              minWidth: wide ? 260 : undefined,
              render: (name: string, f) => {
                const top = latest(f);
                const title = top ? (
                  <Link to="/frameworks/versions/$versionId" params={{ versionId: top.id }}>
                    {name}
                  </Link>
                ) : (
                  name
                );
                if (wide) return title;
                // On a phone the owner, year and actions sit under the name.
                return (
                  <Space orientation="vertical" size={4}>
                    {title}
                    <Space size={4} wrap>
                      <OwnerCell owner={f.owner} templates={scope !== null} />
                      <Typography.Text type="secondary">{f.year}</Typography.Text>
                    </Space>
                    {isAdmin && frameworkActions(f)}
                  </Space>
                );
              },
            },
            { title: t('library.owner'), key: 'owner', width: 140, responsive: ['md'], render: (_: unknown, f) => <OwnerCell owner={f.owner} templates={scope !== null} /> },
            { title: t('library.program'), key: 'program', render: (_: unknown, f) => f.program.name, width: 170, responsive: ['lg'] },
            { title: t('library.year'), dataIndex: 'year', width: 80, responsive: ['md'] },
            { title: t('library.group'), dataIndex: 'groupLabel', width: 150, responsive: ['lg'] },
            {
              title: t('library.latest'),
              key: 'latest',
              width: 150,
              responsive: ['md'],
              render: (_: unknown, f) => {
                const top = latest(f);
                return top ? (
                  <Space size={4}>
                    {t('library.versionN', { number: top.number })} <StatusTag status={top.status} />
                  </Space>
                ) : '—';
              },
            },
            ...(isAdmin
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 210,
                    responsive: ['md'] as Breakpoint[],
                    render: (_: unknown, f: FrameworkSummary) => frameworkActions(f),
                  },
                ]
              : []),
          ]}
        />
      )}

      {dialog?.kind === 'create' && <NewFrameworkModal onClose={() => setDialog(null)} onCreated={open} defaultProgram={search.program} />}
      {dialog?.kind === 'import' && <ImportFrameworkModal onClose={() => setDialog(null)} onImported={open} defaultProgram={search.program} />}
      {dialog?.kind === 'copy' && <CopyFrameworkModal framework={dialog.framework} onClose={() => setDialog(null)} onCopied={open} />}
      {dialog?.kind === 'adopt' && <AdoptFrameworkModal framework={dialog.framework} onClose={() => setDialog(null)} onAdopted={open} />}
      {dialog?.kind === 'version' && (
        <NewVersionModal
          framework={dialog.framework}
          fromVersionId={dialog.fromVersionId}
          onClose={() => setDialog(null)}
          onCreated={open}
        />
      )}
    </Space>
  );
}
