import { Button, Popconfirm, Space, Tooltip } from 'antd';
import {
  ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, MenuFoldOutlined, MenuUnfoldOutlined, NumberOutlined, PlusOutlined,
  PlusSquareOutlined, SubnodeOutlined,
} from '@ant-design/icons';
import {
  type Doc, addChild, addSibling, findPath, flatten, indent, moveBy, nodeAt, outdent, possibleMoves, removeNode, renumber,
  selectionAfterRemove,
} from './model';
import { useFwT } from './parts';

/** The tree's edit buttons, acting on the selected node; each edit gives the new document and selection. */
export function TreeToolbar({ doc, selected, onEdit }: {
  doc: Doc;
  selected: string | null;
  onEdit: (next: Doc, select?: string | null) => void;
}) {
  const { t } = useFwT();
  const newName = t('editor.newNodeName');
  const path = selected ? findPath(doc.nodes, selected) : null;
  const node = path ? nodeAt(doc.nodes, path) : undefined;
  const moves = possibleMoves(doc, node ? path : null);
  const added = (r: { doc: Doc; key: string }) => onEdit(r.doc, r.key);

  const tb = (label: string, icon: React.ReactNode, onClick: () => void, disabled = false) => (
    <Tooltip title={label}>
      <Button icon={icon} aria-label={label} onClick={onClick} disabled={disabled} />
    </Tooltip>
  );
  return (
    <Space wrap size={4} role="toolbar" aria-label={t('editor.toolbar')}>
      {tb(t('editor.addField'), <PlusSquareOutlined />, () => added(addChild(doc, null, newName)))}
      {tb(t('editor.addChild'), <SubnodeOutlined />, () => added(addChild(doc, selected, newName)), !node)}
      {tb(t('editor.addSibling'), <PlusOutlined />, () => added(addSibling(doc, selected!, newName)), !node)}
      {tb(t('editor.moveUp'), <ArrowUpOutlined />, () => onEdit(moveBy(doc, selected!, -1)), !moves.up)}
      {tb(t('editor.moveDown'), <ArrowDownOutlined />, () => onEdit(moveBy(doc, selected!, 1)), !moves.down)}
      {tb(t('editor.indent'), <MenuUnfoldOutlined />, () => onEdit(indent(doc, selected!)), !moves.indent)}
      {tb(t('editor.outdent'), <MenuFoldOutlined />, () => onEdit(outdent(doc, selected!)), !moves.outdent)}
      {tb(t('editor.renumber'), <NumberOutlined />, () => onEdit(renumber(doc)))}
      <Popconfirm
        title={t('editor.removeTitle', { code: node?.code ?? '' })}
        description={node?.children?.length ? t('editor.removeWithChildren', { count: flatten(node.children).length }) : t('editor.removeText')}
        okText={t('editor.remove')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        disabled={!node}
        onConfirm={() => {
          const next = removeNode(doc, selected!);
          onEdit(next, selectionAfterRemove(next, path!));
        }}
      >
        <Tooltip title={t('editor.remove')}>
          <Button icon={<DeleteOutlined />} aria-label={t('editor.remove')} danger disabled={!node} />
        </Tooltip>
      </Popconfirm>
    </Space>
  );
}
