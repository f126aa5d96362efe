import { z } from 'zod';
import { UNIT_ACTIONS, UNIT_STATES, type UnitAction, type UnitState } from '@chiso/core';

/** zod wants a non-empty tuple; the core's lists are readonly arrays of the same literals. */
export function enumOf<T extends string>(values: readonly T[], error?: string) {
  return z.enum(values as unknown as [T, ...T[]], error ? { error } : undefined);
}

export const id = z.guid({ error: 'Mã định danh không hợp lệ' });
export const instant = z.iso.datetime({ offset: true, error: 'Thời điểm không hợp lệ (ISO 8601, ví dụ 2025-11-15T23:59:59+07:00)' });

export const unitStateSchema = enumOf<UnitState>(UNIT_STATES);
export const unitActionSchema = enumOf<UnitAction>(UNIT_ACTIONS);

/** A list answer: `{ items: [...] }`. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
export interface Items<T> { items: T[] }

/** A query flag: `true`/`1` or `false`/`0`, absent meaning false. */
export const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');
