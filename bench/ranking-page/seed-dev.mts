/**
 * Seeds a province into a PostgreSQL database kept for later runs of run.ts (--database / --small-database):
 *   node --import tsx bench/ranking-page/seed-dev.mts <database name> [units]
 */
import pg from 'pg';
import { seedLargeProvinceAt } from '../lib/large-province.ts';
import { postgresAdminUrl } from '../lib/server.ts';

const name = process.argv[2] ?? 'chiso_rank_dev';
const units = Number(process.argv[3] ?? 3321);
const c = new pg.Client({ connectionString: postgresAdminUrl });
await c.connect();
await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await c.query(`CREATE DATABASE ${name}`);
await c.end();
const url = new URL(postgresAdminUrl);
url.pathname = `/${name}`;
const t = Date.now();
await seedLargeProvinceAt({ databaseUrl: url.toString() }, { units, published: true, progress: (s) => console.log(((Date.now() - t) / 1000).toFixed(0), s) });
console.log(`seeded: ${url}`);
process.exit(0);
