import { useMemo } from 'react';
import { Button, Card, Empty, Tag, Tooltip, Tree, Typography } from 'antd';
import type { TreeDataNode, TreeProps } from 'antd';
import { ExclamationCircleOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import {
  type Analysis, type Doc, type DocNode, addChild, collapsedExcept, dropPlacement, expandedKeys, flatten, moveTo, viDecimal,
} from './model';
import { useFwT } from './parts';
import { TreeToolbar } from './TreeToolbar';

/** The criteria tree with its toolbar: select, drag to move, fold; each node shows its points, rule and issues. */
export function EditorTree({ doc, analysis, readOnly, selected, collapsed, onSelect, onCollapse, onEdit }: {
  doc: Doc;
  analysis: Analysis;
  readOnly: boolean;
  selected: string | null;
  collapsed: ReadonlySet<string>;
  onSelect: (key: string) => void;
  onCollapse: (collapsed: Set<string>) => void;
  onEdit: (next: Doc, select?: string | null) => void;
}) {
  const { t } = useFwT();
  const rows = useMemo(() => flatten(doc.nodes), [doc]);

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

  const onDrop: TreeProps['onDrop'] = (info) => {
    const where = dropPlacement({ dropToGap: info.dropToGap, dropPosition: info.dropPosition, pos: info.node.pos });
    onEdit(moveTo(doc, String(info.dragNode.key), String(info.node.key), where));
  };

  return (
    <Card
      size="small"
      title={t('editor.treeTitle')}
      className="tree-panel"
      extra={readOnly ? undefined : <TreeToolbar doc={doc} selected={selected} onEdit={onEdit} />}
    >
      {doc.nodes.length === 0 ? (
        <Empty description={t('editor.emptyTree')}>
          {!readOnly && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => { const r = addChild(doc, null, t('editor.newNodeName')); onEdit(r.doc, r.key); }}>
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
          expandedKeys={expandedKeys(rows, collapsed)}
          onExpand={(keys) => onCollapse(collapsedExcept(rows, new Set(keys.map(String))))}
          onSelect={(keys) => keys[0] !== undefined && onSelect(String(keys[0]))}
          aria-label={t('editor.treeTitle')}
          style={{ maxHeight: '65vh', overflow: 'auto' }}
        />
      )}
    </Card>
  );
}
