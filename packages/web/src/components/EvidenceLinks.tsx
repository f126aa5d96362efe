import type { PublishedTrace } from '@chiso/contract';
import { evidenceContentUrl } from '../api/evidence';
import { formatDate } from '../format';

type FrozenEvidence = PublishedTrace['leaves'][number]['evidence'][number];

export const LIST_STYLE = { margin: 0, paddingInlineStart: 16 } as const;

/** A criterion's evidence as published: number · date · title (or the file name), each opening the file. */
export function EvidenceLinks({ evidence }: { evidence: readonly FrozenEvidence[] }) {
  return (
    <ul style={LIST_STYLE}>
      {evidence.map((e) => (
        <li key={e.id}>
          <a href={evidenceContentUrl(e.id)} target="_blank" rel="noreferrer">
            {[e.documentNumber, e.documentDate ? formatDate(e.documentDate) : null, e.title].filter(Boolean).join(' · ') || e.originalName}
          </a>
        </li>
      ))}
    </ul>
  );
}
