import type { FormInstance } from 'antd';
import { isApiError, type ApiError } from '../api/client';

/** "into.0.code" → ['into', 0, 'code'] */
export function pathToName(path: string): (string | number)[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts the server's field errors next to the fields (values stay as typed).
 * Returns the details that matched no field, to be shown in a summary.
 */
export function applyServerErrors(form: FormInstance, error: unknown, knownFields?: string[]): ApiError['details'] {
  if (!isApiError(error)) return [];
  const unmatched: ApiError['details'] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const d of error.details) {
    if (typeof d.path === 'string' && d.path) {
      const name = pathToName(d.path);
      const head = String(name[0]);
      if (!knownFields || knownFields.includes(head)) {
        fields.push({ name, errors: [d.message] });
        continue;
      }
    }
    unmatched.push(d);
  }
  if (fields.length) form.setFields(fields);
  return unmatched;
}
