/**
 * A task of a notice (the administrator's form): what, who leads, who co-operates, by when, and what it is
 * about — criteria picked from a framework version's tree, external indices' components.
 */
import { useMemo, useState } from 'react';
import { App as AntApp, Button, Col, Form, Input, Modal, Row, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useCreateTask, useUpdateTask, type Task, type TaskLinkBody } from '../../../api/follow-up-tasks';
import { useFrameworks, useFrameworkVersion } from '../../../api/frameworks';
import { SaveError } from '../../../components/errors';
import { applyServerErrors } from '../../../lib/forms';
import { DayPicker } from '../../cycles/parts';
import { useTasksT } from '../tasks/i18n';
import { taskLinkText, UnitSelect } from '../tasks/parts';
import { criterionOptions, linkBodyOf, linkKey } from '../tasks/task-view';
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
/** The external indices a task may serve (their definitions come with the external indices' part). */
const EXTERNAL_INDICES = ['PAR_INDEX', 'SIPAS', 'PAPI', 'PCI', 'DTI'];

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
    <Row gutter={[8, 8]} style={{ marginBottom: 8 }}>
      <Col xs={24} md={9}>
        <Select<string> aria-label={t('task.framework')} placeholder={t('task.framework')} style={{ width: '100%' }}
          showSearch={{ optionFilterProp: 'label' }} loading={frameworks.isLoading} value={versionId} options={versions}
          onChange={(v) => {
            setVersionId(v);
            setNodeKey(undefined);
          }} />
      </Col>
      <Col xs={24} md={9}>
        <TreeSelect aria-label={t('task.criterion')} placeholder={t('task.criterion')} style={{ width: '100%' }} disabled={!versionId}
          loading={version.isLoading} treeData={tree} value={nodeKey} onChange={(v: string) => setNodeKey(v)}
          showSearch treeNodeFilterProp="title" popupMatchSelectWidth={false} />
      </Col>
      <Col xs={24} md={6}>
        <Button icon={<PlusOutlined />} disabled={!nodeKey} onClick={add} block>{t('task.addCriterion')}</Button>
      </Col>
    </Row>
  );
}

/** An external index's component, named freely until the external indices' definitions are there to pick from. */
function ExternalComponentPicker({ onAdd }: { onAdd: (l: ChosenLink) => void }) {
  const { t } = useNoticesT();
  const [indexKey, setIndexKey] = useState<string>();
  const [component, setComponent] = useState('');
  const name = component.trim();
  return (
    <Row gutter={[8, 8]}>
      <Col xs={24} md={9}>
        <Select<string> aria-label={t('task.index')} placeholder={t('task.index')} style={{ width: '100%' }} value={indexKey} onChange={setIndexKey}
          options={EXTERNAL_INDICES.map((k) => ({ value: k, label: k.replace('_', ' ') }))} />
      </Col>
      <Col xs={24} md={9}>
        <Input aria-label={t('task.component')} placeholder={t('task.component')} value={component} maxLength={100} onChange={(e) => setComponent(e.target.value)} />
      </Col>
      <Col xs={24} md={6}>
        <Button icon={<PlusOutlined />} disabled={!indexKey || !name} block
          onClick={() => {
            onAdd({ body: { kind: 'external_component', indexKey: indexKey!, componentKey: name }, label: `${indexKey!.replace('_', ' ')}: ${name}` });
            setComponent('');
          }}>
          {t('task.addComponent')}
        </Button>
      </Col>
    </Row>
  );
}
