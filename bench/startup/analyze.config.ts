// Builds the web app like packages/web/vite.config.ts and writes, beside the build, which modules
// each chunk holds (stats.json): bench/startup/run.ts reads it to say what the login page loads.
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, mergeConfig, type Plugin, type UserConfig } from 'vite';
import base from '../../packages/web/vite.config';

const stats: Plugin = {
  name: 'chiso-chunk-stats',
  generateBundle(options, bundle) {
    const chunks = Object.values(bundle).flatMap((item) =>
      item.type === 'chunk'
        ? [{ file: item.fileName, imports: item.imports, dynamicImports: item.dynamicImports, modules: Object.fromEntries(Object.entries(item.modules).map(([id, m]) => [id, m.renderedLength])) }]
        : [],
    );
    const importers: Record<string, readonly string[]> = {};
    for (const id of this.getModuleIds()) importers[id] = this.getModuleInfo(id)?.importers ?? [];
    const dir = options.dir ?? 'dist';
    if (process.env.CHISO_CHUNK_IMPORTERS) fs.writeFileSync(path.join(dir, 'importers.json'), JSON.stringify(importers));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'stats.json'), JSON.stringify(chunks));
  },
};

export default defineConfig(mergeConfig(base as UserConfig, { plugins: [stats] }));
