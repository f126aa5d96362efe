import type { Config } from '../config/env';
import { acquireDataDirLock, type DataDirLock } from '../storage/data-dir-lock';
import { migrateDatabase, openDatabase, type DatabaseHandle } from './client';

export interface OpenedDatabase {
  handle: DatabaseHandle;
  lock: DataDirLock | null;
  close(): Promise<void>;
}

/** Opens the configured database (server or embedded, with the data-folder lock) and migrates it. */
export async function openConfiguredDatabase(config: Config, options: { migrate?: boolean } = {}): Promise<OpenedDatabase> {
  const lock = config.databaseUrl ? null : acquireDataDirLock(config.dataDir);
  try {
    const handle = await openDatabase(config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize } : { kind: 'pglite', dataDir: config.dataDir });
    if (options.migrate !== false) await migrateDatabase(handle);
    return {
      handle,
      lock,
      async close() {
        await handle.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
