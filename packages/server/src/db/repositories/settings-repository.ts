import { eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { appSettings } from '../schema/settings';

export async function readSetting<T>(executor: Executor, key: string): Promise<T | undefined> {
  const rows = await executor.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
  return rows[0]?.value as T | undefined;
}

export async function writeSetting(executor: Executor, key: string, value: unknown): Promise<void> {
  await executor
    .insert(appSettings)
    .values({ key, value })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: new Date() } });
}

export const demoLoadedKey = 'demo.loaded';
