/** Download answers: the XLSX content type and a Content-Disposition with a Vietnamese file name. */
export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment` (or `inline`: a PDF the browser opens to print) with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachment(filename: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
