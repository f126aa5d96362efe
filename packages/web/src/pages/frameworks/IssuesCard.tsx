import { Badge, Button, Card, List, Space, Typography } from 'antd';
import { ExclamationCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { formatInteger } from '../../format';
import { type Analysis, type Doc, type EditorIssue, findNode } from './model';
import { useFwT } from './parts';

/** The validator's findings for the whole document; one opens its node. */
export function IssuesCard({ analysis, doc, onSelect }: { analysis: Analysis; doc: Doc; onSelect: (key: string) => void }) {
  const { t } = useFwT();
  const codeOf = (i: EditorIssue) => (i.targetKey ? (i.nodeCode ?? findNode(doc, i.targetKey)?.code) : undefined);
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
