/**
 * A select's value only when it is among its options' values: an id from the address (a cycle the
 * person may not see, a stale link) is otherwise shown raw — a bare UUID — above the page's refusal.
 */
export function choiceAmong(id: string | undefined, values: readonly string[]): string | undefined {
  return id !== undefined && values.includes(id) ? id : undefined;
}
