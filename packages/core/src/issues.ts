/**
 * A problem found while validating a framework or scoring a unit: a stable machine
 * `code` for programs and tests, a Vietnamese `message` for people, and where it is.
 */
import type { MessageId } from './messages/catalog.ts';
import { localized, type MessageParams } from './messages/format.ts';

export interface Issue {
  readonly code: string;
  /** Vietnamese (formatted from the catalog when `messageId` is set). */
  readonly message: string;
  /** The catalog message, for other languages. */
  readonly messageId?: MessageId;
  readonly params?: MessageParams;
  readonly severity: 'error' | 'warning';
  /** Display code of the node concerned ("3.2.1"), when there is one. */
  readonly nodeCode?: string;
  readonly nodeKey?: string;
  /** JSON path for format errors, e.g. "nodes[2].children[0].rule.tiers[1]". */
  readonly path?: string;
}

export function issue(
  code: string,
  message: string | { readonly messageId: MessageId; readonly params?: MessageParams },
  where: { nodeCode?: string; nodeKey?: string; path?: string } = {},
  severity: Issue['severity'] = 'error',
): Issue {
  const text = typeof message === 'string' ? { message } : localized(message.messageId, message.params);
  return { code, ...text, severity, ...where };
}
