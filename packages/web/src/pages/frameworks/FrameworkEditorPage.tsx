import { useDeferredValue, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Empty, Row, Space, Spin, Typography } from 'antd';
import { useNavigate } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../api/client';
import {
  frameworkVersionQuery, useFrameworks, useFrameworkVersion, useSaveFrameworkVersion, type FrameworkSummary, type SaveVersionBody,
  type FrameworkVersion,
} from '../../api/frameworks';
import { QueryError, useErrorMessage } from '../../components/errors';
import { formatDateTime } from '../../format';
import { type Doc, type PreviewInput, analyze, ancestorKeys, findPath, inheritedAgency, nodeAt, toDoc, updateNode } from './model';
import { ConflictModal } from './ConflictModal';
import { DocFields } from './DocFields';
import { EditorHeader } from './EditorHeader';
import { EditorTree } from './EditorTree';
import { IssuesCard } from './IssuesCard';
import { NodePanel } from './NodePanel';
import { NewVersionModal } from './NewVersionModal';
import { useFwT, usePublish } from './parts';
import { useLeaveGuard } from './useLeaveGuard';

export function FrameworkEditorPage({ versionId }: { versionId: string }) {
  const q = useFrameworkVersion(versionId);
  const list = useFrameworks({});
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  const summary = list.data?.items.find((f) => f.id === q.data.frameworkId);
  return <Editor key={q.data.id} record={q.data} summary={summary} />;
}

function Editor({ record: initial, summary }: { record: FrameworkVersion; summary?: FrameworkSummary }) {
  const { t } = useFwT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const publish = usePublish();

  const [record, setRecord] = useState(initial);
  const fallback = { id: summary ? `fw-${summary.year}` : 'framework', name: summary?.name ?? '' };
  const [doc, setDoc] = useState<Doc>(() => toDoc(initial.document, fallback));
  const [savedDoc, setSavedDoc] = useState<Doc>(doc);
  const [selected, setSelected] = useState<string | null>(() => doc.nodes[0]?.key ?? null);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [previews, setPreviews] = useState<Record<string, PreviewInput>>({});
  const [newVersion, setNewVersion] = useState(false);
  const [showDoc, setShowDoc] = useState(false);

  const readOnly = record.status === 'published' || !record.may.edit;
  const dirty = doc !== savedDoc;
  const deferredDoc = useDeferredValue(doc);
  const analysis = useMemo(() => analyze(deferredDoc), [deferredDoc]);
  const selPath = selected ? findPath(doc.nodes, selected) : null;
  const selNode = selPath ? nodeAt(doc.nodes, selPath) : undefined;
  useLeaveGuard(dirty);

  const edit = (next: Doc, select?: string | null) => {
    if (readOnly) return;
    setDoc(next);
    if (select !== undefined) setSelected(select);
  };
  const saving = useVersionSave(record, doc, (v, sent) => {
    setRecord(v);
    setSavedDoc(sent);
  });
  const takeTheirs = (v: FrameworkVersion) => {
    const next = toDoc(v.document, fallback);
    qc.setQueryData(frameworkVersionQuery(v.id).queryKey, v);
    setRecord(v);
    setDoc(next);
    setSavedDoc(next);
    saving.setConflict(null);
    if (selected && !findPath(next.nodes, selected)) setSelected(next.nodes[0]?.key ?? null);
  };

  /** Select a node and reveal it: open its ancestors and scroll it into view. */
  const reveal = (k: string) => {
    setSelected(k);
    const anc = ancestorKeys(doc, k);
    if (anc.some((a) => collapsed.has(a))) setCollapsed((c) => new Set([...c].filter((x) => !anc.includes(x))));
    requestAnimationFrame(() => document.querySelector(`[data-node-key="${CSS.escape(k)}"]`)?.scrollIntoView({ block: 'nearest' }));
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <EditorHeader doc={doc} record={record} summary={summary} readOnly={readOnly} dirty={dirty} errorCount={analysis.errorCount}
        saving={saving.pending} publishing={publish.isPending} onSave={() => saving.save(record.version)}
        onPublish={() => publish.confirm(record, (v) => {
          setRecord(v);
          void qc.invalidateQueries({ queryKey: ['frameworks', 'list'] });
        })}
        onNewVersion={() => setNewVersion(true)} />

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
          <EditorTree doc={doc} analysis={analysis} readOnly={readOnly} selected={selected} collapsed={collapsed}
            onSelect={setSelected} onCollapse={setCollapsed} onEdit={edit} />
          <IssuesCard analysis={analysis} doc={doc} onSelect={reveal} />
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
                inheritedAgency={inheritedAgency(doc, selPath)}
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

      {saving.conflict && (
        <ConflictModal conflict={saving.conflict} doc={doc} saving={saving.pending} onClose={() => saving.setConflict(null)}
          onTakeTheirs={() => takeTheirs(saving.conflict!)} onOverwrite={() => saving.save(saving.conflict!.version)} />
      )}
      {newVersion && summary && (
        <NewVersionModal framework={summary} fromVersionId={record.id} onClose={() => setNewVersion(false)}
          onCreated={(id) => void navigate({ to: '/frameworks/versions/$versionId', params: { versionId: id } })} />
      )}
    </Space>
  );
}

/**
 * Saving the document over the version the editor started from (`base`); a 409 from someone
 * else's save keeps their version aside as the conflict to resolve.
 */
function useVersionSave(record: FrameworkVersion, doc: Doc, onSaved: (v: FrameworkVersion, sent: Doc) => void) {
  const { t } = useFwT();
  const { message } = AntApp.useApp();
  const errMsg = useErrorMessage();
  const qc = useQueryClient();
  const mutation = useSaveFrameworkVersion();
  const [conflict, setConflict] = useState<FrameworkVersion | null>(null);
  const save = (base: number) => {
    const sent = doc;
    mutation.mutate(
      { id: record.id, version: base, document: sent as unknown as SaveVersionBody['document'] },
      {
        onSuccess: (v) => {
          onSaved(v, sent);
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
  return { save, pending: mutation.isPending, conflict, setConflict };
}
