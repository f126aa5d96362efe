/**
 * Values that cannot be stored or walked safely, found before anything else looks at them:
 * - a NUL character (U+0000) in a string or a key: PostgreSQL's text and jsonb refuse it;
 * - nesting deeper than a limit: readers, validators and serializers recurse, and a document
 *   nested thousands of levels deep would exhaust the stack.
 * The walk is iterative, so it is safe on any depth itself.
 */
export interface UnsafeJson {
  /** Keys and array indexes from the root to the offending value. */
  readonly path: readonly (string | number)[];
  readonly problem: 'nul' | 'depth';
}

const hasNul = (text: string) => text.includes('\u0000');

/** The first NUL or too-deep spot in a parsed JSON value, or null when there is none. */
export function findUnsafeJson(value: unknown, maxDepth: number): UnsafeJson | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (hasNul(current)) return { path, problem: 'nul' };
      continue;
    }
    if (typeof current !== 'object' || current === null || ArrayBuffer.isView(current)) continue;
    if (path.length >= maxDepth) return { path, problem: 'depth' };
    if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      if (hasNul(key)) return { path: [...path, key], problem: 'nul' };
      stack.push({ value: item, path: [...path, key] });
    }
  }
  return null;
}

/** A path for messages, cut short when long (a too-deep path has dozens of steps). */
export function showJsonPath(path: readonly (string | number)[], style: 'dotted' | 'jsonpath', max = 80): string {
  const text = style === 'dotted'
    ? path.join('.')
    : `$${path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')}`;
  const visible = text.replaceAll('\u0000', '\\0');
  return visible.length > max ? `${visible.slice(0, max)}…` : visible;
}
