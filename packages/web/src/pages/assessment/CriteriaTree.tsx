import { useEffect, useMemo, useRef } from 'react';
import { Checkbox, Progress, Space, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { type Framework, type FrameworkNode, type UnitScore, formatPoints, isLeaf } from '@chiso/core';
import { useAsT } from './parts';

export interface LeafState {
  filled: boolean;
  notApplicable: boolean;
  unit: boolean;
  /** A survey criterion (nothing for the unit to enter): whether the survey has supplied its points. */
  survey?: { supplied: boolean };
}

interface Counts {
  filled: number;
  total: number;
}

/** The criteria tree (fields → criteria → leaves) with points and progress per node. */
export function CriteriaTree({ framework, score, leafState, selected, onSelect, onlyMissing, onOnlyMissing }: {
  framework: Framework;
  score: UnitScore;
  leafState: (key: string) => LeafState;
  selected: string | undefined;
  onSelect: (key: string) => void;
  onlyMissing: boolean;
  onOnlyMissing: (v: boolean) => void;
}) {
  const { t } = useAsT();
  // On a phone the editor is below the tree: after a tap on a criterion, bring its editor into view.
  const tapped = useRef(false);
  useEffect(() => {
    if (!tapped.current) return;
    tapped.current = false;
    if (!window.matchMedia('(max-width: 991px)').matches) return;
    // After the navigation has settled (the router may restore the scroll position first).
    const timer = window.setTimeout(() => document.querySelector('.as-leaf')?.scrollIntoView({ block: 'start' }), 50);
    return () => window.clearTimeout(timer);
  }, [selected]);

  const { treeData, keys } = useMemo(() => {
    const all: string[] = [];
    const build = (nodes: readonly FrameworkNode[]): { data: TreeDataNode[]; counts: Counts } => {
      const data: TreeDataNode[] = [];
      const counts: Counts = { filled: 0, total: 0 };
      for (const n of nodes) {
        const ns = score.nodes.get(n.key);
        const pts = ns ? (isLeaf(n) && ns.leaf && !ns.applicable ? null : ns.achieved) : null;
        const maxP = ns ? ns.applicableMax : n.maxPoints;
        if (isLeaf(n)) {
          const s = leafState(n.key);
          if (s.unit) {
            counts.total++;
            if (s.filled) counts.filled++;
          }
          if (onlyMissing && (!s.unit || s.filled)) continue;
          all.push(n.key);
          data.push({
            key: n.key,
            isLeaf: true,
            title: (
              <span className="as-node" data-testid={`node-${n.code}`}>
                {s.notApplicable ? <MinusCircleOutlined aria-label={t('tree.notApplicable')} />
                  : s.survey ? (s.survey.supplied ? <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('tree.surveySupplied')} />
                    : <span className="as-dot" aria-label={t('tree.surveyPending')} />)
                    : s.filled ? <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('tree.filled')} /> : <span className="as-dot" aria-label={t('tree.missing')} />}
                <span className="as-code">{n.code}</span>
                <span className="as-name">{n.name}</span>
                <span className="as-pts">
                  {s.notApplicable ? t('tree.na') : `${pts === null || (s.survey && !s.survey.supplied) ? '—' : formatPoints(pts)} / ${formatPoints(n.maxPoints)}`}
                </span>
              </span>
            ),
          });
        } else {
          const sub = build(n.children);
          counts.filled += sub.counts.filled;
          counts.total += sub.counts.total;
          if (onlyMissing && sub.data.length === 0) continue;
          all.push(n.key);
          const pct = sub.counts.total ? Math.round((sub.counts.filled / sub.counts.total) * 100) : 100;
          data.push({
            key: n.key,
            title: (
              <span className="as-node as-inner" data-testid={`node-${n.code}`}>
                <span className="as-code">{n.code}</span>
                <span className="as-name">{n.name}</span>
                <span className="as-pts">
                  {pts === null ? '—' : formatPoints(pts)} / {formatPoints(maxP)}
                  <Progress size={[60, 6]} percent={pct} showInfo={false} aria-label={t('tree.progress', { filled: sub.counts.filled, total: sub.counts.total })} />
                  <small>{sub.counts.filled}/{sub.counts.total}</small>
                </span>
              </span>
            ),
            children: sub.data,
          });
        }
      }
      return { data, counts };
    };
    const r = build(framework.nodes);
    return { treeData: r.data, keys: all };
  }, [framework, score, leafState, onlyMissing, t]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Checkbox checked={onlyMissing} onChange={(e) => onOnlyMissing(e.target.checked)}>{t('tree.onlyMissing')}</Checkbox>
      {treeData.length === 0 ? (
        <Typography.Text type="secondary">{t('tree.noneMissing')}</Typography.Text>
      ) : (
        <Tree
          aria-label={t('tree.label')}
          className="as-tree"
          blockNode
          showLine
          treeData={treeData}
          expandedKeys={keys}
          selectedKeys={selected ? [selected] : []}
          onSelect={(k) => {
            if (k[0] === undefined) return;
            tapped.current = true;
            onSelect(String(k[0]));
          }}
        />
      )}
    </Space>
  );
}
