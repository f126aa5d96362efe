/** Vietnamese-aware, diacritics-insensitive text matching: "Lang Son" finds "Lạng Sơn". */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function matchesQuery(haystack: string, foldedQuery: string): boolean {
  if (!foldedQuery) return true;
  return foldVietnamese(haystack).includes(foldedQuery);
}
