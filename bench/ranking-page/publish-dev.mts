/**
 * Finishes the publication of a large-province seed whose last year is approved but has no
 * snapshot (a seed interrupted during publication), in place:
 *   node --import tsx bench/ranking-page/publish-dev.mts [database name]
 */
import { eq } from 'drizzle-orm';
import { cycles } from '../../packages/server/src/db/schema/cycles.ts';
import { openBench, publishSeededYear } from '../lib/large-province.ts';
import { postgresAdminUrl } from '../lib/server.ts';

const url = new URL(postgresAdminUrl);
url.pathname = `/${process.argv[2] ?? 'chiso_rank_dev'}`;
const handle = await openBench({ databaseUrl: url.toString() });
const t = Date.now();
const [last] = await handle.db.select().from(cycles).where(eq(cycles.year, 2024));
if (!last) throw new Error('no 2024 cycle in this seed');
if (last.status === 'closed') console.log('already published');
else await publishSeededYear(handle.db, last.id, { progress: (s) => console.log(((Date.now() - t) / 1000).toFixed(1), s), started: t });
await handle.close();
process.exit(0);
