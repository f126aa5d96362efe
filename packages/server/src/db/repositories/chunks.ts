/**
 * A statement has at most 65 535 parameters: a read "where id in (…)" over the records of thousands of
 * units (an appraisal grid of a whole province) runs in chunks, its rows concatenated in chunk order.
 */
export const IN_LIST_CHUNK = 10_000;

export async function inChunks<I, R>(ids: readonly I[], read: (part: I[]) => Promise<R[]>): Promise<R[]> {
  if (ids.length <= IN_LIST_CHUNK) return read([...ids]);
  const out: R[] = [];
  for (let i = 0; i < ids.length; i += IN_LIST_CHUNK) out.push(...(await read(ids.slice(i, i + IN_LIST_CHUNK))));
  return out;
}
