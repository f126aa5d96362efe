/**
 * A task of a notice (the administrator's form): what, who leads, who co-operates, by when, and what it is
 * about — criteria picked from a framework version's tree, targets of a plan, external indices' components.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { App as AntApp, Button, Col, Form, Input, Modal, Row, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useCreateTask, useUpdateTask, type Task, type TaskLinkBody } from '../../../api/follow-up-tasks';
import { useExternalIndex, useExternalIndices } from '../../../api/external-indices';
import { useFrameworks, useFrameworkVersion } from '../../../api/frameworks';
import { useTargetPlan, useTargetPlans } from '../../../api/targets';
import { SaveError } from '../../../components/errors';
import { applyServerErrors } from '../../../lib/forms';
import { DayPicker } from '../../cycles/parts';
import { useTasksT } from '../tasks/i18n';
import { taskLinkText, UnitSelect } from '../tasks/parts';
import { criterionOptions, linkBodyOf, linkKey, newestComponents } from '../tasks/task-view';
import { useNoticesT } from './i18n';

interface Values {
  title: string;
  description?: string;
  responsibleUnitId: string;
  cooperatingUnitIds: string[];
  deadline: string;
}

interface ChosenLink { body: TaskLinkBody; label: string }

const FIELDS = ['title', 'description', 'responsibleUnitId', 'cooperatingUnitIds', 'deadline', 'links'];

export function TaskFormModal({ noticeId, task, onClose }: { noticeId: string; task?: Task; onClose: () => void }) {
  const { t } = useNoticesT();
  const tasksT = useTasksT().t;
  const { message } = AntApp.useApp();
  const create = useCreateTask(noticeId);
  const update = useUpdateTask();
  const [form] = Form.useForm<Values>();
  const [extra, setExtra] = useState<{ message: string }[]>([]);
  const [links, setLinks] = useState<ChosenLink[]>(() => (task?.links ?? []).map((l) => ({ body: linkBodyOf(l), label: taskLinkText(l, tasksT) })));
  const responsible = Form.useWatch('responsibleUnitId', form);
  const required = [{ required: true, whitespace: true, message: t('form.required') }];

  const addLink = (l: ChosenLink) => setLinks((ls) => (ls.some((x) => linkKey(x.body) === linkKey(l.body)) ? ls : [...ls, l]));

  const onFinish = (v: Values) => {
    const description = v.description?.trim() || undefined;
    const body = { ...v, description, cooperatingUnitIds: v.cooperatingUnitIds ?? [], links: links.map((l) => l.body) };
    const onError = (e: unknown) => setExtra(applyServerErrors(form, e, FIELDS));
    const onSuccess = () => {
      void message.success(task ? t('task.saved') : t('task.created'));
      onClose();
    };
    // On an edit, an emptied description is cleared (absent would leave it as it was).
    if (task) update.mutate({ id: task.id, version: task.version, ...body, description: description ?? null }, { onSuccess, onError });
    else create.mutate(body, { onSuccess, onError });
  };

  return (
    <Modal open title={task ? t('task.editTitle') : t('task.createTitle')} onCancel={onClose} onOk={() => form.submit()}
      okText={t('form.save')} cancelText={t('form.cancel')} confirmLoading={create.isPending || update.isPending} width={760} destroyOnHidden>
      <SaveError error={create.error ?? update.error} extra={extra} />
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}
        initialValues={task
          ? { title: task.title, description: task.description ?? '', responsibleUnitId: task.responsibleUnit.id, cooperatingUnitIds: task.cooperatingUnits.map((u) => u.id), deadline: task.deadline }
          : { cooperatingUnitIds: [] }}>
        <Form.Item name="title" label={t('task.title')} rules={required}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
        <Form.Item name="description" label={t('task.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={16}>
            <Form.Item name="responsibleUnitId" label={t('task.responsible')} rules={[{ required: true, message: t('form.required') }]}>
              <UnitSelect />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="deadline" label={t('task.deadline')} rules={[{ required: true, message: t('form.required') }]}>
              <DayPicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="cooperatingUnitIds" label={t('task.cooperating')}>
          <UnitSelect mode="multiple" allowClear exclude={responsible} />
        </Form.Item>
      </Form>
      <section aria-label={t('task.links')}>
        <Typography.Text strong>{t('task.links')}</Typography.Text>
        <div style={{ margin: '8px 0' }}>
          {links.length === 0 ? <Typography.Text type="secondary">{t('task.noLinks')}</Typography.Text> : (
            <Space size={[4, 4]} wrap>
              {links.map((l) => (
                <Tag key={linkKey(l.body)} closable closeIcon={undefined} style={{ whiteSpace: 'normal' }}
                  onClose={(e) => {
                    e.preventDefault();
                    setLinks((ls) => ls.filter((x) => linkKey(x.body) !== linkKey(l.body)));
                  }}>
                  {l.label}
                </Tag>
              ))}
            </Space>
          )}
        </div>
        <CriterionPicker onAdd={addLink} />
        <TargetPicker onAdd={addLink} />
        <ExternalComponentPicker onAdd={addLink} />
      </section>
    </Modal>
  );
}

/** A published framework version, then a criterion from its tree. */
function CriterionPicker({ onAdd }: { onAdd: (l: ChosenLink) => void }) {
  const { t } = useNoticesT();
  const tasksT = useTasksT().t;
  const frameworks = useFrameworks({});
  const [versionId, setVersionId] = useState<string>();
  const [nodeKey, setNodeKey] = useState<string>();
  const version = useFrameworkVersion(versionId);
  const versions = useMemo(() => (frameworks.data?.items ?? [])
    .flatMap((f) => f.versions.filter((v) => v.status === 'published').map((v) => ({ f, v })))
    .sort((a, b) => b.f.year - a.f.year || a.f.name.localeCompare(b.f.name, 'vi'))
    .map(({ f, v }) => ({ value: v.id, label: `${f.name} (${f.year}, ${f.groupLabel}) — v${v.number}` })), [frameworks.data]);
  const nodes = useMemo(() => (version.data?.status === 'published' ? version.data.document.nodes : []), [version.data]);
  const tree = useMemo(() => criterionOptions(nodes), [nodes]);
  const find = (key: string) => {
    const stack = [...nodes];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.key === key) return n;
      stack.push(...(n.children ?? []));
    }
    return undefined;
  };
  const add = () => {
    const n = versionId && nodeKey ? find(nodeKey) : undefined;
    if (!n || !versionId) return;
    onAdd({ body: { kind: 'criterion', frameworkVersionId: versionId, nodeKey: n.key }, label: `${tasksT('link.criterion', { code: n.code })} ${n.name}` });
    setNodeKey(undefined);
  };
  return (
    <PickerRow addLabel={t('task.addCriterion')} disabled={!nodeKey} add={add}
      first={
        <Select<string> aria-label={t('task.framework')} placeholder={t('task.framework')} style={{ width: '100%' }}
          showSearch={{ optionFilterProp: 'label' }} loading={frameworks.isLoading} value={versionId} options={versions}
          onChange={(v) => {
            setVersionId(v);
            setNodeKey(undefined);
          }} />
      }
      second={
        <TreeSelect aria-label={t('task.criterion')} placeholder={t('task.criterion')} style={{ width: '100%' }} disabled={!versionId}
          loading={version.isLoading} treeData={tree} value={nodeKey} onChange={(v: string) => setNodeKey(v)}
          showSearch treeNodeFilterProp="title" popupMatchSelectWidth={false} />
      } />
  );
}

/** Two choices, then an add button: the row every picker of the form shares. */
function PickerRow({ first, second, add, addLabel, disabled }: { first: ReactNode; second: ReactNode; add: () => void; addLabel: string; disabled: boolean }) {
  return (
    <Row gutter={[8, 8]} style={{ marginBottom: 8 }}>
      <Col xs={24} md={9}>{first}</Col>
      <Col xs={24} md={9}>{second}</Col>
      <Col xs={24} md={6}>
        <Button icon={<PlusOutlined />} disabled={disabled} onClick={add} block>{addLabel}</Button>
      </Col>
    </Row>
  );
}

/** A resolution or plan, then one of its targets ("code. name"). */
function TargetPicker({ onAdd }: { onAdd: (l: ChosenLink) => void }) {
  const { t } = useNoticesT();
  const tasksT = useTasksT().t;
  const plans = useTargetPlans();
  const [planId, setPlanId] = useState<string>();
  const [targetId, setTargetId] = useState<string>();
  const plan = useTargetPlan(planId);
  const targets = plan.data?.targets ?? [];
  const add = () => {
    const target = targets.find((x) => x.id === targetId);
    if (!target) return;
    onAdd({ body: { kind: 'target', targetId: target.id }, label: `${tasksT('link.target', { code: target.code })} ${target.name}` });
    setTargetId(undefined);
  };
  return (
    <PickerRow addLabel={t('task.addTarget')} disabled={!targetId} add={add}
      first={
        <Select<string> aria-label={t('task.plan')} placeholder={t('task.plan')} style={{ width: '100%' }} showSearch={{ optionFilterProp: 'label' }}
          loading={plans.isLoading} value={planId} options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          onChange={(v) => {
            setPlanId(v);
            setTargetId(undefined);
          }} />
      }
      second={
        <Select<string> aria-label={t('task.target')} placeholder={t('task.target')} style={{ width: '100%' }} disabled={!planId} showSearch={{ optionFilterProp: 'label' }}
          loading={plan.isLoading} value={targetId} onChange={setTargetId} popupMatchSelectWidth={false}
          options={targets.map((x) => ({ value: x.id, label: `${x.code}. ${x.name}` }))} />
      } />
  );
}

/** An external index, then a component of its newest edition. */
function ExternalComponentPicker({ onAdd }: { onAdd: (l: ChosenLink) => void }) {
  const { t } = useNoticesT();
  const indices = useExternalIndices();
  const [indexKey, setIndexKey] = useState<string>();
  const [componentKey, setComponentKey] = useState<string>();
  const index = useExternalIndex(indexKey);
  const components = useMemo(() => newestComponents(index.data?.editions ?? []), [index.data]);
  const add = () => {
    const c = components.find((x) => x.key === componentKey);
    if (!c || !index.data) return;
    onAdd({ body: { kind: 'external_component', indexKey: index.data.key, componentKey: c.key }, label: `${index.data.label} – ${c.name}` });
    setComponentKey(undefined);
  };
  return (
    <PickerRow addLabel={t('task.addComponent')} disabled={!componentKey} add={add}
      first={
        <Select<string> aria-label={t('task.index')} placeholder={t('task.index')} style={{ width: '100%' }} loading={indices.isLoading} value={indexKey}
          options={(indices.data ?? []).map((i) => ({ value: i.key, label: i.label }))}
          onChange={(v) => {
            setIndexKey(v);
            setComponentKey(undefined);
          }} />
      }
      second={
        <Select<string> aria-label={t('task.component')} placeholder={t('task.component')} style={{ width: '100%' }} disabled={!indexKey} showSearch={{ optionFilterProp: 'label' }}
          loading={index.isLoading} value={componentKey} onChange={setComponentKey} popupMatchSelectWidth={false}
          options={components.map((c) => ({ value: c.key, label: c.name }))} />
      } />
  );
}
