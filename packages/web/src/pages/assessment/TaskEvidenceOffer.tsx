/**
 * "Tài liệu từ nhiệm vụ đã hoàn thành": while a unit fills a criterion, the evidence of its completed
 * follow-up tasks linked to that criterion (issue 12 §1), each attachable in one click — attaching adds
 * the document to the criterion's evidence like picking it from the library (saved by the autosave).
 */
import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { CheckOutlined, FileOutlined, PaperClipOutlined } from '@ant-design/icons';
import { evidenceContentUrl, evidenceLabel } from '../../api/evidence';
import { useOfferedTaskEvidence } from '../../api/follow-up-tasks';
import { formatDate } from '../../format';
import { useTasksT } from '../follow-up/tasks/i18n';

export function TaskEvidenceOffer({ cycleId, unitId, nodeKey, attachedIds, readOnly, onAttach }: {
  cycleId: string;
  unitId: string;
  nodeKey: string;
  /** The criterion's evidence as the unit has it now (its draft). */
  attachedIds: readonly string[];
  readOnly: boolean;
  onAttach: (evidenceId: string) => void;
}) {
  const { t } = useTasksT();
  const offered = useOfferedTaskEvidence(cycleId, unitId, nodeKey);
  const items = offered.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card size="small" type="inner" title={t('offer.title')} role="region" aria-label={t('offer.title')}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('offer.intro')}</Typography.Paragraph>
      <List
        size="small"
        dataSource={items}
        rowKey={(o) => `${o.taskId}/${o.document.id}`}
        renderItem={(o) => {
          const attached = attachedIds.includes(o.document.id);
          return (
            <List.Item
              actions={[attached
                ? <Tag key="a" color="success" icon={<CheckOutlined />}>{t('offer.attached')}</Tag>
                : !readOnly && (
                  <Button key="a" size="small" icon={<PaperClipOutlined />} onClick={() => onAttach(o.document.id)}
                    aria-label={`${t('offer.attach')}: ${evidenceLabel(o.document, formatDate)}`}>
                    {t('offer.attach')}
                  </Button>
                )]}
            >
              <Space orientation="vertical" size={0}>
                <a href={evidenceContentUrl(o.document.id)} target="_blank" rel="noreferrer"><FileOutlined /> {evidenceLabel(o.document, formatDate)}</a>
                <Typography.Text type="secondary">{t('offer.task', { task: o.taskTitle, notice: o.noticeNumber })}</Typography.Text>
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
