/**
 * A problem found while validating a framework or scoring a unit: a stable machine
 * `code` for programs and tests, a Vietnamese `message` for people, and where it is.
 */
export interface Issue {
  readonly code: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  /** Display code of the node concerned ("3.2.1"), when there is one. */
  readonly nodeCode?: string;
  readonly nodeKey?: string;
  /** JSON path for format errors, e.g. "nodes[2].children[0].rule.tiers[1]". */
  readonly path?: string;
}

export function issue(
  code: string,
  message: string,
  where: { nodeCode?: string; nodeKey?: string; path?: string } = {},
  severity: Issue['severity'] = 'error',
): Issue {
  return { code, message, severity, ...where };
}
