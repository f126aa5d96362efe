import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import './assessment.css';
import { Alert, App as AntApp, Badge, Button, Card, Col, Descriptions, Modal, Row, Space, Spin, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Link, useBlocker, useNavigate } from '@tanstack/react-router';
import { type Framework, type FrameworkNode, formatFixed, formatPoints, isLeaf, walkNodes } from '@chiso/core';
import { reportUrl, saveCriterion, useAssessment, useStoreCriterion, type Assessment, type CriterionView } from '../../api/assessments';
import { feedInputs, useUnitFeedValues } from '../../api/data-feeds';
import { QueryError } from '../../components/errors';
import { AutosaveStore } from './autosave';
import { CriteriaTree, type LeafState } from './CriteriaTree';
import { LeafEditor } from './LeafEditor';
import { confirmBeforeLeaving } from './leave';
import { DataFeedLeafCard } from '../cycles/DataFeedValue';
import { SurveyLeafPoints } from '../survey/results/SurveyLeafPoints';
import { useUnitSurveyPoints } from '../survey/results/api';
import { CorrectionFlag } from './CorrectionFlag';
import { type Draft, draftFromView, draftInput, isFilled, isSurveyLeaf, isUnitLeaf, liveLeaf, liveScore, parseAssessmentFramework, pointsText, surveyInputs } from './model';
import { Deadline, SaveStatus, StateTag, useAsT } from './parts';
import { RequestsPanel, type OpenRequest } from './RequestsPanel';
import { ResultsPanel, ResultsTabLabel } from './ResultsPanel';
import { showsDeadline } from './WorkStatus';
import { SubmissionPanel } from './SubmissionPanel';
import { UnitNotice } from './UnitNotice';

export type AssessmentTab = 'criteria' | 'requests' | 'submit' | 'results';

export interface AssessmentSearch {
  node?: string;
  tab?: AssessmentTab;
  missing?: boolean;
}

export function SelfAssessmentPage({ cycleId, unitId, search }: { cycleId: string; unitId: string; search: AssessmentSearch }) {
  const { t } = useAsT();
  const q = useAssessment(cycleId, unitId);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  const framework = parseAssessmentFramework(q.data.framework);
  if (!framework) return <Alert type="error" showIcon title={t('page.badFramework')} />;
  return <Workspace key={`${cycleId}/${unitId}`} a={q.data} framework={framework} search={search} />;
}

function Workspace({ a, framework, search }: { a: Assessment; framework: Framework; search: AssessmentSearch }) {
  const { t } = useAsT();
  const { modal } = AntApp.useApp();
  const navigate = useNavigate();
  const cycleId = a.cycle.id;
  const unitId = a.unit.id;
  const storeView = useStoreCriterion(cycleId, unitId);

  const nodes = useMemo(() => {
    const m = new Map<string, FrameworkNode>();
    for (const v of walkNodes(framework.nodes)) m.set(v.node.key, v.node);
    return m;
  }, [framework]);

  const [store] = useState(() => new AutosaveStore({
    save: (key, body) => saveCriterion(cycleId, unitId, key, body),
    onView: storeView,
    check: (key, d) => {
      const n = nodes.get(key);
      return n ? draftInput(n, d) : { ok: true, input: null };
    },
    storageKey: `chiso.drafts.${cycleId}.${unitId}`,
  }, a.records));
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  // A refetch (after an action, an answer) brings newer views; drafts stay on top of them.
  useEffect(() => {
    for (const v of Object.values(a.records)) store.setView(v);
  }, [a.records, store]);

  const records = useMemo(() => {
    const out: Record<string, CriterionView> = {};
    for (const k of Object.keys(a.records)) out[k] = store.view(k) ?? a.records[k]!;
    return out;
  }, [a.records, store, snapshot]); // eslint-disable-line react-hooks/exhaustive-deps
  const drafts = useMemo(() => store.drafts(), [store, snapshot]); // eslint-disable-line react-hooks/exhaustive-deps
  const hasFeeds = useMemo(() => [...walkNodes(framework.nodes)].some((v) => isLeaf(v.node) && v.node.source === 'data_feed'), [framework]);
  const feedValues = useUnitFeedValues(hasFeeds ? cycleId : undefined, unitId);
  const hasSurvey = useMemo(() => [...walkNodes(framework.nodes)].some((v) => isSurveyLeaf(v.node)), [framework]);
  // The points the survey supplied count in the running total, as they do in the consolidation.
  const surveyPoints = useUnitSurveyPoints(hasSurvey ? cycleId : undefined, unitId);
  const supplied = useMemo(() => ({ ...feedInputs(feedValues.data ?? []), ...surveyInputs(surveyPoints.data ?? []) }), [feedValues.data, surveyPoints.data]);
  const score = useMemo(() => liveScore(framework, records, drafts, supplied), [framework, records, drafts, supplied]);
  const dirty = drafts.size > 0;
  const saveState = store.state();

  const editable = Object.values(records).some((r) => r.may.edit);
  const leafState = useCallback((key: string): LeafState => {
    const n = nodes.get(key)!;
    const d = drafts.get(key);
    const v = records[key];
    const input = d ? (d.notApplicable ? 'na' : null) : v?.self.input?.kind === 'not_applicable' ? 'na' : null;
    return { unit: isUnitLeaf(n) && !!v, filled: isFilled(v, d, n), notApplicable: input === 'na',
      ...(isSurveyLeaf(n) && !v ? { survey: { supplied: key in supplied } } : {}) };
  }, [nodes, drafts, records, supplied]);

  const firstLeaf = useMemo(() => {
    for (const v of walkNodes(framework.nodes)) if (isUnitLeaf(v.node) && records[v.node.key]) return v.node.key;
    return undefined;
  }, [framework, records]);
  const selectedKey = search.node && nodes.has(search.node) ? search.node : firstLeaf;
  const selected = selectedKey ? nodes.get(selectedKey) : undefined;
  // Once appraised, the unit lands on its results.
  const tab: AssessmentTab = search.tab ?? (a.outcome ? 'results' : 'criteria');

  const go = (patch: Partial<AssessmentSearch>) =>
    void navigate({
      to: '/assessments/$cycleId/$unitId',
      params: { cycleId, unitId },
      search: { ...search, ...patch },
      replace: true,
    });
  const openCriterion = (key: string) => go({ node: key, tab: 'criteria', missing: undefined });

  const requests: OpenRequest[] = useMemo(() => {
    const out: OpenRequest[] = [];
    for (const [key, v] of Object.entries(records)) {
      const node = nodes.get(key);
      if (node) for (const r of v.requests ?? []) out.push({ node, view: v, request: r });
    }
    return out;
  }, [records, nodes]);
  const openRequests = requests.filter((r) => !r.request.answer).length;

  useBlocker({
    shouldBlockFn: ({ current, next }) => {
      if (!confirmBeforeLeaving(current, next, store.dirty())) return false;
      store.flushAll();
      return new Promise<boolean>((resolve) => {
        modal.confirm({
          title: t('page.leaveTitle'),
          content: t('page.leaveText'),
          okText: t('page.leaveOk'),
          okButtonProps: { danger: true },
          cancelText: t('page.leaveStay'),
          onOk: () => resolve(false),
          onCancel: () => resolve(true),
        });
      });
    },
    enableBeforeUnload: () => store.dirty(),
  });

  const conflictKey = store.conflictKeys()[0];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/my-work"><ArrowLeftOutlined /> {t('page.back')}</Link>
      <Row justify="space-between" align="middle" gutter={[16, 8]}>
        <Col>
          <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('page.title', { unit: a.unit.name })}</Typography.Title>
          <Space wrap>
            <Typography.Text type="secondary">{a.cycle.name}</Typography.Text>
            <StateTag state={a.state} />
            {showsDeadline(a.state) && <span data-testid="deadline">{t('page.deadline')}: <Deadline value={a.deadline} /></span>}
          </Space>
        </Col>
        <Col>
          <Space wrap>
            {editable ? <SaveStatus state={saveState} onRetry={() => store.flushAll()} /> : <Typography.Text type="secondary">{t('page.readOnly')}</Typography.Text>}
            <a href={reportUrl(cycleId, unitId)} download>
              <Button icon={<DownloadOutlined />}>{t('submit.report')}</Button>
            </a>
          </Space>
        </Col>
      </Row>
      {/* While the unit edits, the figures are provisional and the server's copy is shown beside them;
          once it can no longer edit, they are its self-assessment as submitted. */}
      <Descriptions size="small" column={{ xs: 1, md: editable ? 3 : 2 }} bordered>
        <Descriptions.Item label={t(editable ? 'page.points' : 'page.pointsFinal')}>
          <span data-testid="total-points">{formatPoints(score.achieved)} / {formatPoints(score.applicableMax)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t(editable ? 'page.index' : 'page.indexFinal')}>{score.publishedIndex ? formatFixed(score.publishedIndex) : '—'}</Descriptions.Item>
        {editable && <Descriptions.Item label={t('page.serverScore')}>{pointsText(a.selfScore.achieved)} / {pointsText(a.selfScore.applicableMax)}</Descriptions.Item>}
      </Descriptions>
      <UnitNotice a={a} owner={a.cycle.owner} />
      {!editable && <Alert type="info" showIcon title={t('page.lockedText')} />}

      <Tabs
        activeKey={tab}
        onChange={(k) => go({ tab: k as AssessmentTab })}
        items={[
          {
            key: 'criteria',
            label: t('page.tabCriteria'),
            children: (
              <Row gutter={16}>
                <Col xs={24} lg={10}>
                  <Card size="small" className="as-tree-card">
                    <CriteriaTree framework={framework} score={score} leafState={leafState} selected={selectedKey}
                      onSelect={(k) => go({ node: k })} onlyMissing={!!search.missing} onOnlyMissing={(v) => go({ missing: v || undefined })} />
                  </Card>
                </Col>
                <Col xs={24} lg={14}>
                  {selected && isLeaf(selected) && records[selected.key] ? (<>
                    <CorrectionFlag cycleId={cycleId} unitId={unitId} nodeKey={selected.key} version={records[selected.key]!.version} />
                    <LeafEditor key={selected.key} framework={framework} node={selected} view={records[selected.key]}
                      draft={drafts.get(selected.key) ?? draftFromView(records[selected.key])}
                      dirty={drafts.has(selected.key)}
                      held={store.heldReason(selected.key)}
                      readOnly={!records[selected.key]!.may.edit}
                      unitId={unitId}
                      cycleId={cycleId}
                      onChange={(d) => store.edit(selected.key, d)} />
                  </>) : selected && isLeaf(selected) && selected.rule?.type === 'data_feed' ? (
                    <DataFeedLeafCard node={selected} unitId={unitId} />
                  ) : selected && isLeaf(selected) && selected.rule?.type === 'survey' ? (
                    // The unit keeps no record of a survey criterion: the points the survey supplied.
                    <Card className="as-leaf" title={<span><span className="as-code">{selected.code}</span> {selected.name}</span>} aria-label={`${selected.code} ${selected.name}`}>
                      <SurveyLeafPoints node={selected} unitId={unitId} />
                    </Card>
                  ) : selected ? (
                    <InnerSummary node={selected} onOpen={(k) => go({ node: k })} />
                  ) : null}
                </Col>
              </Row>
            ),
          },
          {
            key: 'requests',
            label: <Badge count={openRequests} offset={[10, -2]} size="small">{t('page.tabRequests')}</Badge>,
            children: <RequestsPanel requests={requests} cycleId={cycleId} unitId={unitId} onOpenCriterion={openCriterion} />,
          },
          {
            key: 'submit',
            label: t('page.tabSubmit'),
            children: <SubmissionPanel a={a} live={score} dirty={dirty} onFlush={() => store.flushAll()} onOpenCriterion={openCriterion} />,
          },
          ...(a.outcome ? [{ key: 'results', label: <ResultsTabLabel />, children: <ResultsPanel outcome={a.outcome} framework={framework} onOpenCriterion={openCriterion} /> }] : []),
        ]}
      />

      {conflictKey && (
        <ConflictModal framework={framework} node={nodes.get(conflictKey)!} mine={drafts.get(conflictKey)} theirs={store.conflict(conflictKey)!}
          onKeepMine={() => store.keepMine(conflictKey)} onTakeTheirs={() => store.takeTheirs(conflictKey)} />
      )}
    </Space>
  );
}

function InnerSummary({ node, onOpen }: { node: FrameworkNode; onOpen: (key: string) => void }) {
  return (
    <Card title={`${node.code} ${node.name}`}>
      <ul>
        {node.children.map((c) => (
          <li key={c.key}><Typography.Link onClick={() => onOpen(c.key)}>{c.code} {c.name}</Typography.Link></li>
        ))}
      </ul>
    </Card>
  );
}

function describe(framework: Framework, node: FrameworkNode, d: Draft | undefined): string {
  if (!d) return '—';
  const ev = liveLeaf(framework, node, d);
  return [ev?.explanation, d.explanation].filter(Boolean).join(' — ');
}

/** Someone else saved this criterion meanwhile: show their value, and let the person choose. */
function ConflictModal({ framework, node, mine, theirs, onKeepMine, onTakeTheirs }: {
  framework: Framework; node: FrameworkNode; mine: Draft | undefined; theirs: CriterionView; onKeepMine: () => void; onTakeTheirs: () => void;
}) {
  const { t } = useAsT();
  return (
    <Modal open title={t('conflict.title', { code: node.code })} closable={false} maskClosable={false}
      footer={[
        <Button key="theirs" onClick={onTakeTheirs}>{t('conflict.takeTheirs')}</Button>,
        <Button key="mine" type="primary" onClick={onKeepMine}>{t('conflict.keepMine')}</Button>,
      ]}>
      <Typography.Paragraph>{t('conflict.text')}</Typography.Paragraph>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('conflict.theirs')}>{describe(framework, node, draftFromView(theirs))}</Descriptions.Item>
        <Descriptions.Item label={t('conflict.mine')}>{describe(framework, node, mine)}</Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}
