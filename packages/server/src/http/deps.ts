import type { Config } from '../config/env';
import type { DatabaseHandle } from '../db/client';

/** What every route module receives. Services are built from these, explicitly. */
export interface HttpDeps {
  config: Config;
  database: DatabaseHandle;
}
