import { useState } from 'react';
import { App as AntApp, Button, Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import type { FrameworkNode } from '@chiso/core';
import { useAnswerRequest, type CriterionView, type ExplanationRequestView } from '../../api/assessments';
import { formatDateTime } from '../../format';
import { useErrorMessage } from '../../components/errors';
import { EvidenceField } from './EvidenceField';
import { Deadline, useAsT } from './parts';

export interface OpenRequest {
  node: FrameworkNode;
  view: CriterionView;
  request: ExplanationRequestView;
}

/** Requests for explanation or more evidence from the appraisers, open ones first. */
export function RequestsPanel({ requests, cycleId, unitId, onOpenCriterion }: {
  requests: OpenRequest[]; cycleId: string; unitId: string; onOpenCriterion: (key: string) => void;
}) {
  const { t } = useAsT();
  if (requests.length === 0) return <Empty description={t('requests.none')} />;
  const sorted = [...requests].sort((a, b) => Number(!!a.request.answer) - Number(!!b.request.answer) || a.request.deadline.localeCompare(b.request.deadline));
  return (
    <List
      dataSource={sorted}
      rowKey={(r) => r.request.id}
      renderItem={(r) => (
        <List.Item>
          <RequestCard r={r} cycleId={cycleId} unitId={unitId} onOpenCriterion={onOpenCriterion} />
        </List.Item>
      )}
    />
  );
}

function RequestCard({ r, cycleId, unitId, onOpenCriterion }: { r: OpenRequest; cycleId: string; unitId: string; onOpenCriterion: (key: string) => void }) {
  const { t } = useAsT();
  const { message } = AntApp.useApp();
  const errMsg = useErrorMessage();
  const answer = useAnswerRequest(cycleId, unitId);
  const [text, setText] = useState('');
  const [evidenceIds, setEvidenceIds] = useState<string[]>([]);
  const { node, view, request } = r;
  const id = `answer-${request.id}`;
  return (
    <Card style={{ width: '100%' }} size="small"
      title={<Space wrap><Tag color={request.answer ? 'green' : 'orange'}>{t(`requests.kind.${request.kind}`)}</Tag>
        <Typography.Link onClick={() => onOpenCriterion(node.key)}>{node.code} {node.name}</Typography.Link></Space>}
      extra={request.answer ? <Tag color="green">{t('requests.answered')}</Tag> : <span>{t('requests.deadline')}: <Deadline value={request.deadline} /></span>}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }}>
          <Typography.Text type="secondary">{t('requests.from', { agency: request.agency ?? '—', at: formatDateTime(request.requestedAt) })}</Typography.Text>
          <br />
          {request.message}
        </Typography.Paragraph>
        {request.answer ? (
          <Typography.Paragraph style={{ margin: 0 }}>
            <strong>{t('requests.yourAnswer')}</strong> ({formatDateTime(request.answer.answeredAt)}): {request.answer.text}
          </Typography.Paragraph>
        ) : view.may.answer ? (
          <>
            <label htmlFor={id}>{t('requests.answer')}</label>
            <Input.TextArea id={id} autoSize={{ minRows: 3 }} value={text} onChange={(e) => setText(e.target.value)} />
            <EvidenceField id={`${id}-evidence`} unitId={unitId} value={evidenceIds} known={[]} onChange={setEvidenceIds} />
            <Button type="primary" disabled={!text.trim()} loading={answer.isPending}
              onClick={() => answer.mutate({ nodeKey: node.key, version: view.version, text: text.trim(), evidenceIds }, {
                onSuccess: () => {
                  void message.success(t('requests.sent'));
                  setText('');
                  setEvidenceIds([]);
                },
                onError: (e) => void message.error(errMsg(e)),
              })}>
              {t('requests.send')}
            </Button>
          </>
        ) : null}
      </Space>
    </Card>
  );
}
