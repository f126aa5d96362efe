import { useDeferredValue, useMemo, useState } from 'react';
import { formatPoints, parsePoints, sumPoints, type Points } from '@chiso/core';
import {
  Alert, App as AntApp, Badge, Button, Card, Col, Empty, Input, List, Modal, Popconfirm, Row, Space, Spin, Tag, Tooltip, Tree,
  Typography,
} from 'antd';
import type { TreeDataNode, TreeProps } from 'antd';
import {
  ArrowDownOutlined, ArrowLeftOutlined, ArrowUpOutlined, BranchesOutlined, DeleteOutlined, DiffOutlined,
  ExclamationCircleOutlined, MenuFoldOutlined, MenuUnfoldOutlined, NumberOutlined, PlusOutlined, PlusSquareOutlined, SaveOutlined,
  SendOutlined, SubnodeOutlined, WarningOutlined,
} from '@ant-design/icons';
import { Link, useBlocker, useNavigate } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../api/client';
import {
  frameworkVersionQuery, useFrameworks, useFrameworkVersion, useSaveFrameworkVersion, type FrameworkSummary,
  type FrameworkVersion,
} from '../../api/frameworks';
import { QueryError, useErrorMessage } from '../../components/errors';
import { formatDateTime, formatInteger } from '../../format';
import {
  type Analysis, type Doc, type DocAgency, type DocNode, type EditorIssue, type PreviewInput, addChild, addSibling, analyze,
  findPath, flatten, indent, moveBy, moveTo, nodeAt, outdent, removeNode, renumber, toDoc, updateNode, viDecimal,
} from './model';
import { NodePanel } from './NodePanel';
import { ExportMenu } from './FrameworksPage';
import { NewVersionModal } from './NewVersionModal';
import { StatusTag, useFwT, usePublish } from './parts';
import { ScoreButton } from '../scoring/ScoreButton';

export function FrameworkEditorPage({ versionId }: { versionId: string }) {
  const q = useFrameworkVersion(versionId);
  const list = useFrameworks({});
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  const summary = list.data?.items.find((f) => f.id === q.data.frameworkId);
  return <Editor key={q.data.id} record={q.data} summary={summary} />;
}

function download(name: string, doc: Doc) {
  const blob = new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Editor({ record: initial, summary }: { record: FrameworkVersion; summary?: FrameworkSummary }) {
  const { t } = useFwT();
  const { message, modal } = AntApp.useApp();
  const errMsg = useErrorMessage();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const save = useSaveFrameworkVersion();
  const publish = usePublish();

  const [record, setRecord] = useState(initial);
  const fallback = { id: summary ? `fw-${summary.year}` : 'framework', name: summary?.name ?? '' };
  const [doc, setDoc] = useState<Doc>(() => toDoc(initial.document, fallback));
  const [savedDoc, setSavedDoc] = useState<Doc>(doc);
  const [selected, setSelected] = useState<string | null>(() => doc.nodes[0]?.key ?? null);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [previews, setPreviews] = useState<Record<string, PreviewInput>>({});
  const [conflict, setConflict] = useState<FrameworkVersion | null>(null);
  const [newVersion, setNewVersion] = useState(false);
  const [showDoc, setShowDoc] = useState(false);

  const readOnly = record.status === 'published' || !record.may.edit;
  const dirty = doc !== savedDoc;
  const deferredDoc = useDeferredValue(doc);
  const analysis = useMemo(() => analyze(deferredDoc), [deferredDoc]);
  const rows = useMemo(() => flatten(doc.nodes), [doc]);
  const selPath = selected ? findPath(doc.nodes, selected) : null;
  const selNode = selPath ? nodeAt(doc.nodes, selPath) : undefined;

  useBlocker({
    shouldBlockFn: () => {
      if (!dirty) return false;
      return new Promise<boolean>((resolve) => {
        modal.confirm({
          title: t('editor.leaveTitle'),
          content: t('editor.leaveText'),
          okText: t('editor.leaveOk'),
          okButtonProps: { danger: true },
          cancelText: t('editor.leaveStay'),
          onOk: () => resolve(false),
          onCancel: () => resolve(true),
        });
      });
    },
    enableBeforeUnload: () => dirty,
  });

  const edit = (next: Doc) => {
    if (!readOnly) setDoc(next);
  };
  const newName = t('editor.newNodeName');

  const doSave = (base: number) => {
    const sent = doc;
    save.mutate(
      { id: record.id, version: base, document: sent as unknown as Record<string, unknown> },
      {
        onSuccess: (v) => {
          setRecord(v);
          setSavedDoc(sent);
          setConflict(null);
          void qc.invalidateQueries({ queryKey: ['frameworks', 'list'] });
          void message.success(t('editor.saved', { count: v.issues.filter((i) => i.severity === 'error').length }));
        },
        onError: (e) => {
          if (isApiError(e) && e.status === 409 && e.code === 'CONFLICT') {
            const current = e.details[0]?.current as FrameworkVersion | undefined;
            if (current) setConflict(current);
            else void qc.fetchQuery({ ...frameworkVersionQuery(record.id), staleTime: 0 }).then(setConflict, () => undefined);
            return;
          }
          void message.error(errMsg(e));
        },
      },
    );
  };

  const takeTheirs = (v: FrameworkVersion) => {
    const next = toDoc(v.document, fallback);
    qc.setQueryData(frameworkVersionQuery(v.id).queryKey, v);
    setRecord(v);
    setDoc(next);
    setSavedDoc(next);
    setConflict(null);
    if (selected && !findPath(next.nodes, selected)) setSelected(next.nodes[0]?.key ?? null);
  };

  const issueTitle = (k: string) => {
    const list = analysis.byKey.get(k);
    if (!list?.length) return null;
    const err = list.some((i) => i.severity === 'error');
    return (
      <Tooltip title={list.map((i) => i.message).join('\n')}>
        <span aria-label={t('editor.nodeIssues', { count: list.length })} style={{ color: err ? '#cf1322' : '#d48806' }}>
          {err ? <ExclamationCircleOutlined /> : <WarningOutlined />} {list.length}
        </span>
      </Tooltip>
    );
  };

  const toTree = (nodes: readonly DocNode[]): TreeDataNode[] =>
    nodes.map((n) => ({
      key: n.key,
      title: (
        <span className="fw-node" data-node-key={n.key}>
          <Typography.Text strong>{n.code}</Typography.Text>{' '}
          <span>{n.name || <Typography.Text type="secondary">{t('editor.noName')}</Typography.Text>}</span>{' '}
          <Tag color="blue" style={{ marginInlineStart: 4 }}>{t('editor.pointsN', { points: viDecimal(n.maxPoints) })}</Tag>
          {n.appraisingAgency && <Tag>{n.appraisingAgency}</Tag>}
          {n.rule && <Tag color={n.source && n.source !== 'self_assessment' ? 'purple' : 'default'}>{t(`ruleType.${n.rule.type}`)}</Tag>}
          {issueTitle(n.key)}
        </span>
      ),
      children: n.children?.length ? toTree(n.children) : undefined,
    }));
  const treeData = useMemo(() => toTree(doc.nodes), [doc, analysis]); // eslint-disable-line react-hooks/exhaustive-deps
  const expandedKeys = rows.filter((r) => r.node.children?.length && !collapsed.has(r.node.key)).map((r) => r.node.key);

  const onDrop: TreeProps['onDrop'] = (info) => {
    const dropKey = String(info.node.key);
    const dragKey = String(info.dragNode.key);
    const pos = info.node.pos.split('-');
    const rel = info.dropPosition - Number(pos[pos.length - 1]);
    const where = !info.dropToGap ? 'inside' : rel === -1 ? 'before' : 'after';
    edit(moveTo(doc, dragKey, dropKey, where));
  };

  const select = (k: string) => {
    setSelected(k);
    // Reveal it: expand its ancestors.
    const p = findPath(doc.nodes, k);
    if (p) {
      const anc: string[] = [];
      for (let i = 1; i < p.length; i++) anc.push(nodeAt(doc.nodes, p.slice(0, i))!.key);
      if (anc.some((a) => collapsed.has(a))) setCollapsed((c) => new Set([...c].filter((x) => !anc.includes(x))));
    }
    requestAnimationFrame(() => document.querySelector(`[data-node-key="${CSS.escape(k)}"]`)?.scrollIntoView({ block: 'nearest' }));
  };

  const inheritedAgency = (() => {
    if (!selPath) return undefined;
    for (let i = selPath.length - 1; i >= 1; i--) {
      const a = nodeAt(doc.nodes, selPath.slice(0, i))?.appraisingAgency;
      if (a) return a;
    }
    return undefined;
  })();

  const idx = selPath ? selPath[selPath.length - 1]! : -1;
  const siblings = selPath ? (selPath.length > 1 ? nodeAt(doc.nodes, selPath.slice(0, -1))!.children ?? [] : doc.nodes) : [];
  const errorCount = analysis.errorCount;
  // Exact thousandths, never binary floats; a field whose maximum does not parse yet counts as 0.
  const total = sumPoints(doc.nodes.filter((n) => n.rule?.type !== 'bonus').map((n) => parsePoints(String(n.maxPoints ?? '')) ?? (0 as Points)));

  const tb = (label: string, icon: React.ReactNode, onClick: () => void, disabled = false, danger = false) => (
    <Tooltip title={label}>
      <Button icon={icon} aria-label={label} onClick={onClick} disabled={disabled || readOnly} danger={danger} />
    </Tooltip>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space orientation="vertical" size={0}>
          <Link to="/frameworks">
            <ArrowLeftOutlined /> {t('editor.back')}
          </Link>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {doc.name || summary?.name}
          </Typography.Title>
          <Space wrap size={4}>
            {summary && <Typography.Text type="secondary">{summary.program.name} · {summary.year} · {summary.groupLabel} ·</Typography.Text>}
            <Typography.Text>{t('library.versionN', { number: record.number })}</Typography.Text>
            <StatusTag status={record.status} />
            {record.reason && <Typography.Text type="secondary">{t('editor.reason', { reason: record.reason })}</Typography.Text>}
            <Typography.Text type="secondary">{t('editor.total', { total: formatPoints(total) })}</Typography.Text>
          </Space>
        </Space>
        <Space wrap>
          {dirty && <Tag color="orange" role="status">{t('editor.unsaved')}</Tag>}
          {!readOnly && (
            <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} disabled={!dirty} onClick={() => doSave(record.version)}>
              {t('editor.save')}
            </Button>
          )}
          {record.may.publish && record.status === 'draft' && (
            <Tooltip title={dirty ? t('editor.saveFirst') : errorCount ? t('editor.fixFirst', { count: errorCount }) : undefined}>
              <Button icon={<SendOutlined />} disabled={dirty || errorCount > 0} loading={publish.isPending}
                onClick={() => publish.confirm(record, (v) => {
                  setRecord(v);
                  void qc.invalidateQueries({ queryKey: ['frameworks', 'list'] });
                })}>
                {t('library.publish')}
              </Button>
            </Tooltip>
          )}
          {record.may.newVersion && summary && (
            <Button icon={<BranchesOutlined />} onClick={() => setNewVersion(true)}>{t('library.newVersion')}</Button>
          )}
          {summary && summary.versions.length > 1 && (
            <Link to="/frameworks/diff" search={{
              from: [...summary.versions].sort((a, b) => b.number - a.number).find((v) => v.number < record.number)?.id
                ?? summary.versions.find((v) => v.id !== record.id)?.id,
              to: record.id,
            }}>
              <Button icon={<DiffOutlined />}>{t('library.diff')}</Button>
            </Link>
          )}
          <ExportMenu versionId={record.id} label />
          <ScoreButton versionId={record.id} />
        </Space>
      </Space>

      {readOnly && (
        <Alert type="info" showIcon title={record.status === 'published' ? t('editor.readOnlyPublished', { date: formatDateTime(record.publishedAt) }) : t('editor.readOnly')} />
      )}

      <Card size="small" title={t('editor.docTitle')} extra={
        <Button size="small" type="link" onClick={() => setShowDoc((s) => !s)} aria-expanded={showDoc}>
          {showDoc ? t('editor.hide') : t('editor.show')}
        </Button>}>
        {showDoc && <DocFields doc={doc} readOnly={readOnly} onChange={edit} />}
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={13}>
          <Card
            size="small"
            title={t('editor.treeTitle')}
            className="tree-panel"
            extra={readOnly ? undefined : (
              <Space wrap size={4} role="toolbar" aria-label={t('editor.toolbar')}>
                {tb(t('editor.addField'), <PlusSquareOutlined />, () => { const r = addChild(doc, null, newName); edit(r.doc); setSelected(r.key); })}
                {tb(t('editor.addChild'), <SubnodeOutlined />, () => {
                  const r = addChild(doc, selected, newName); edit(r.doc); setSelected(r.key);
                }, !selNode)}
                {tb(t('editor.addSibling'), <PlusOutlined />, () => {
                  const r = addSibling(doc, selected!, newName); edit(r.doc); setSelected(r.key);
                }, !selNode)}
                {tb(t('editor.moveUp'), <ArrowUpOutlined />, () => edit(moveBy(doc, selected!, -1)), !selNode || idx <= 0)}
                {tb(t('editor.moveDown'), <ArrowDownOutlined />, () => edit(moveBy(doc, selected!, 1)), !selNode || idx >= siblings.length - 1)}
                {tb(t('editor.indent'), <MenuUnfoldOutlined />, () => edit(indent(doc, selected!)), !selNode || idx <= 0)}
                {tb(t('editor.outdent'), <MenuFoldOutlined />, () => edit(outdent(doc, selected!)), !selNode || (selPath?.length ?? 0) < 2)}
                {tb(t('editor.renumber'), <NumberOutlined />, () => edit(renumber(doc)))}
                <Popconfirm
                  title={t('editor.removeTitle', { code: selNode?.code ?? '' })}
                  description={selNode?.children?.length ? t('editor.removeWithChildren', { count: flatten(selNode.children).length }) : t('editor.removeText')}
                  okText={t('editor.remove')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  disabled={!selNode || readOnly}
                  onConfirm={() => {
                    const p = selPath!;
                    const next = removeNode(doc, selected!);
                    edit(next);
                    const sib = nodeAt(next.nodes, p) ?? (p.length > 1 ? nodeAt(next.nodes, p.slice(0, -1)) : undefined) ?? next.nodes[p[0]! - 1];
                    setSelected(sib?.key ?? null);
                  }}
                >
                  <Tooltip title={t('editor.remove')}>
                    <Button icon={<DeleteOutlined />} aria-label={t('editor.remove')} danger disabled={!selNode || readOnly} />
                  </Tooltip>
                </Popconfirm>
              </Space>
            )}
          >
            {doc.nodes.length === 0 ? (
              <Empty description={t('editor.emptyTree')}>
                {!readOnly && (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => { const r = addChild(doc, null, newName); edit(r.doc); setSelected(r.key); }}>
                    {t('editor.addField')}
                  </Button>
                )}
              </Empty>
            ) : (
              <Tree
                blockNode
                showLine
                draggable={!readOnly && { icon: false }}
                onDrop={onDrop}
                treeData={treeData}
                selectedKeys={selected ? [selected] : []}
                expandedKeys={expandedKeys}
                onExpand={(keys) => {
                  const open = new Set(keys.map(String));
                  setCollapsed(new Set(rows.filter((r) => r.node.children?.length && !open.has(r.node.key)).map((r) => r.node.key)));
                }}
                onSelect={(keys) => keys[0] !== undefined && setSelected(String(keys[0]))}
                aria-label={t('editor.treeTitle')}
                style={{ maxHeight: '65vh', overflow: 'auto' }}
              />
            )}
          </Card>
          <IssuesCard analysis={analysis} doc={doc} onSelect={select} />
        </Col>
        <Col xs={24} xl={11}>
          {selNode ? (
            <div aria-label={t('panel.title', { code: selNode.code })} role="region">
              <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
                {t('panel.title', { code: selNode.code })}
              </Typography.Title>
              <NodePanel
                key={selNode.key}
                doc={doc}
                node={selNode}
                analysis={analysis}
                readOnly={readOnly}
                inheritedAgency={inheritedAgency}
                onChange={(fn) => edit(updateNode(doc, selNode.key, fn))}
                preview={previews[selNode.key] ?? {}}
                onPreview={(p) => setPreviews((all) => ({ ...all, [selNode.key]: p }))}
              />
            </div>
          ) : (
            <Card><Empty description={t('panel.selectHint')} /></Card>
          )}
        </Col>
      </Row>

      {conflict && (
        <Modal
          open
          title={t('conflict.title')}
          onCancel={() => setConflict(null)}
          width={620}
          footer={
            <Space wrap>
              <Button onClick={() => download(`${doc.id}-ban-cua-toi.json`, doc)}>{t('conflict.download')}</Button>
              <Popconfirm title={t('conflict.reloadConfirm')} okText={t('conflict.reload')} cancelText={t('common.cancel')} onConfirm={() => takeTheirs(conflict)}>
                <Button danger>{t('conflict.reload')}</Button>
              </Popconfirm>
              {conflict.status === 'draft' && (
                <Button type="primary" loading={save.isPending} onClick={() => doSave(conflict.version)}>{t('conflict.overwrite')}</Button>
              )}
            </Space>
          }
        >
          <Typography.Paragraph>{t('conflict.text')}</Typography.Paragraph>
          {conflict.status === 'published' && <Alert type="warning" showIcon title={t('conflict.published')} style={{ marginBottom: 12 }} />}
          <Typography.Paragraph type="secondary">{t('conflict.keep')}</Typography.Paragraph>
        </Modal>
      )}
      {newVersion && summary && (
        <NewVersionModal framework={summary} fromVersionId={record.id} onClose={() => setNewVersion(false)}
          onCreated={(id) => void navigate({ to: '/frameworks/versions/$versionId', params: { versionId: id } })} />
      )}
    </Space>
  );
}

function IssuesCard({ analysis, doc, onSelect }: { analysis: Analysis; doc: Doc; onSelect: (key: string) => void }) {
  const { t } = useFwT();
  const codeOf = (i: EditorIssue) => (i.targetKey ? (i.nodeCode ?? nodeCode(doc, i.targetKey)) : undefined);
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={
        <Space>
          {t('issues.title')}
          <Badge count={analysis.errorCount} showZero color={analysis.errorCount ? '#cf1322' : '#389e0d'} overflowCount={999}
            title={t('issues.errors', { count: analysis.errorCount })} />
          {analysis.warningCount > 0 && <Badge count={analysis.warningCount} color="#d48806" title={t('issues.warnings', { count: analysis.warningCount })} />}
        </Space>
      }
    >
      <div aria-live="polite" data-testid="issues">
        {analysis.issues.length === 0 ? (
          <Typography.Text type="success">{t('issues.none')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={[...analysis.issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))}
            pagination={analysis.issues.length > 15 ? { pageSize: 15, size: 'small' } : false}
            renderItem={(i) => (
              <List.Item>
                <Space align="start">
                  {i.severity === 'error' ? <ExclamationCircleOutlined style={{ color: '#cf1322' }} /> : <WarningOutlined style={{ color: '#d48806' }} />}
                  {i.targetKey ? (
                    <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                      onClick={() => onSelect(i.targetKey!)}>
                      {codeOf(i) ? `${codeOf(i)} — ` : ''}{i.message}
                    </Button>
                  ) : (
                    <span>{i.message}</span>
                  )}
                  <Typography.Text type="secondary" code>{i.code}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
        <Typography.Text type="secondary">{t('issues.count', { formatted: formatInteger(analysis.issues.length) })}</Typography.Text>
      </div>
    </Card>
  );
}

function nodeCode(doc: Doc, key: string): string | undefined {
  const p = findPath(doc.nodes, key);
  return p ? nodeAt(doc.nodes, p)?.code : undefined;
}

function DocFields({ doc, readOnly, onChange }: { doc: Doc; readOnly: boolean; onChange: (d: Doc) => void }) {
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
