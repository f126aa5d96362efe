import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Input, List, Row, Space, Statistic, Typography } from 'antd';
import { DownloadOutlined, SendOutlined } from '@ant-design/icons';
import type { UnitScore } from '@chiso/core';
import { formatPoints } from '@chiso/core';
import { reportUrl, useUnitAction, type AllowedAction, type Assessment } from '../../api/assessments';
import { useErrorMessage } from '../../components/errors';
import { unitActionLabel, useCatalogText } from '../../components/catalog-text';
import { indexText, pointsText } from './model';
import { useAsT } from './parts';

/** The unit head's summary: totals, the server's submission checks, the allowed actions. */
export function SubmissionPanel({ a, live, dirty, onFlush, onOpenCriterion }: {
  a: Assessment; live: UnitScore; dirty: boolean; onFlush: () => void; onOpenCriterion: (key: string) => void;
}) {
  const { t } = useAsT();
  const text = useCatalogText();
  const errors = a.submissionIssues.filter((i) => i.severity !== 'warning');
  const warnings = a.submissionIssues.filter((i) => i.severity === 'warning');
  // Actions refused only for the role are someone else's: not shown to this person.
  const actions = a.allowedActions.filter((x) => x.action !== 'edit' && (x.allowed || x.refusal?.code !== 'role'));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('submit.summary')}>
        <Row gutter={24}>
          <Col><Statistic title={t('submit.achieved')} value={pointsText(a.selfScore.achieved)} suffix={`/ ${pointsText(a.selfScore.applicableMax)}`} /></Col>
          <Col><Statistic title={t('submit.index')} value={indexText(a.selfScore.index)} /></Col>
          <Col><Statistic title={t('submit.bonus')} value={formatPoints(live.bonus)} /></Col>
        </Row>
        {dirty && <Alert style={{ marginTop: 16 }} type="warning" showIcon title={t('submit.unsaved')} action={<Button onClick={onFlush}>{t('submit.saveNow')}</Button>} />}
      </Card>

      <Card title={t('submit.checks')}>
        {a.submissionIssues.length === 0 ? (
          <Alert type="success" showIcon title={t('submit.noIssues')} />
        ) : (
          <List
            size="small"
            dataSource={[...errors, ...warnings]}
            renderItem={(i) => (
              <List.Item>
                <Space>
                  <Typography.Text type={i.severity === 'warning' ? 'warning' : 'danger'}>
                    {i.severity === 'warning' ? t('submit.warning') : t('submit.error')}
                  </Typography.Text>
                  {i.nodeKey ? <Typography.Link onClick={() => onOpenCriterion(i.nodeKey!)}>{text(i)}</Typography.Link> : <span>{text(i)}</span>}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>

      <Card title={t('submit.actions')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {actions.length === 0 && <Typography.Text type="secondary">{t('submit.noActions')}</Typography.Text>}
          {actions.map((x) => <ActionRow key={x.action} x={x} a={a} dirty={dirty} />)}
          <a href={reportUrl(a.cycle.id, a.unit.id)} download>
            <Button icon={<DownloadOutlined />}>{t('submit.report')}</Button>
          </a>
        </Space>
      </Card>
    </Space>
  );
}

function ActionRow({ x, a, dirty }: { x: AllowedAction; a: Assessment; dirty: boolean }) {
  const { t, i18n } = useAsT();
  const { modal, message } = AntApp.useApp();
  const errMsg = useErrorMessage();
  const text = useCatalogText();
  const act = useUnitAction(a.cycle.id, a.unit.id);
  const [reason, setReason] = useState('');
  const label = t(`action.${x.action}`, { defaultValue: unitActionLabel(x.action, i18n.language) });
  const run = () => {
    modal.confirm({
      title: t('submit.confirmTitle', { action: label }),
      content: x.action === 'submit' ? t('submit.confirmSubmit') : t('submit.confirmOther'),
      okText: label,
      cancelText: t('evidence.cancel'),
      onOk: () => act.mutateAsync({ action: x.action, reason: reason.trim() || undefined }).then(
        () => void message.success(t('submit.done', { action: label })),
        (e: unknown) => {
          void message.error(errMsg(e));
        },
      ),
    });
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {x.allowed && x.reasonRequired && (
        <>
          <label htmlFor={`reason-${x.action}`}>{t('submit.reason')}</label>
          <Input.TextArea id={`reason-${x.action}`} value={reason} onChange={(e) => setReason(e.target.value)} />
        </>
      )}
      <Button type={x.action === 'submit' ? 'primary' : 'default'} icon={x.action === 'submit' ? <SendOutlined /> : undefined}
        disabled={!x.allowed || dirty || (x.reasonRequired && !reason.trim())} loading={act.isPending} onClick={run}>
        {label}
      </Button>
      {!x.allowed && x.refusal && <Alert type="info" showIcon title={text(x.refusal)} />}
      {x.allowed && dirty && <Typography.Text type="secondary">{t('submit.waitSave')}</Typography.Text>}
    </Space>
  );
}
