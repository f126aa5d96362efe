/** A class label (xếp loại) as a tag in its chart colour, readable text on it; "—" when unclassified. */
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { classColour, classTextColour } from './classes';

export function ClassTag({ label, children, testId }: { label: string | null; children?: ReactNode; testId?: string }) {
  if (!label && !children) return <>—</>;
  return (
    <Tag data-testid={testId} style={{ margin: 0, background: classColour(label), color: classTextColour(label), borderColor: classColour(label) }}>
      {children ?? label}
    </Tag>
  );
}
