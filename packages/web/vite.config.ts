import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const apiTarget = process.env.CHISO_API_URL ?? 'http://127.0.0.1:3000';

/**
 * `import { Button, Card } from 'antd'` rewritten to one import per component
 * (`import Button from 'antd/es/button'`), likewise for the icons. Through the packages' index
 * files, every component any page uses would be reachable from the entry, and the bundler would
 * put it in a chunk the login page loads; imported one by one, each lands in the chunks of the
 * pages that render it. The names come from the packages' own index files
 * (`export { default as Button } from './button'`); any other name keeps its import from the index.
 */
function perComponentImports(): Plugin {
  const require = createRequire(import.meta.url);
  const packages = [
    { name: 'antd', index: path.join(path.dirname(require.resolve('antd/package.json')), 'es/index.js'), prefix: 'antd/es/' },
    { name: '@ant-design/icons', index: path.join(path.dirname(require.resolve('@ant-design/icons/package.json')), 'es/icons/index.js'), prefix: '@ant-design/icons/es/icons/' },
  ].map((p) => {
    const paths = new Map<string, string>();
    for (const m of fs.readFileSync(p.index, 'utf8').matchAll(/export \{ default as (\w+) \} from '\.\/([\w-]+)';/g)) paths.set(m[1]!, p.prefix + m[2]!);
    return { name: p.name, paths };
  });
  const importRe = /import\s*\{([^}]*)\}\s*from\s*(["'])(antd|@ant-design\/icons)\2;?/g;
  return {
    name: 'chiso-per-component-imports',
    apply: 'build',
    transform(code, id) {
      if (id.includes('/node_modules/') || !/\.[jt]sx?$/.test(id) || !importRe.test(code)) return null;
      importRe.lastIndex = 0;
      return code.replace(importRe, (whole, names: string, _quote: string, from: string) => {
        const paths = packages.find((p) => p.name === from)!.paths;
        const kept: string[] = [];
        const single: string[] = [];
        for (const spec of names.split(',').map((s) => s.trim()).filter(Boolean)) {
          const [imported, local = imported] = spec.split(/\s+as\s+/) as [string, string?];
          const target = paths.get(imported);
          if (target) single.push(`import ${local} from '${target}';`);
          else kept.push(spec);
        }
        return [...single, ...(kept.length ? [`import { ${kept.join(', ')} } from '${from}';`] : [])].join(' ');
      });
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), perComponentImports()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // For caching only: the libraries every page (the login page too) runs, which change
          // with an upgrade and not with chiso's code, in one file of their own. Nothing that only
          // some pages use belongs here (it would then load with the login page).
          groups: [{ name: 'vendor', test: /node_modules[\\/](react|react-dom|scheduler|@tanstack|i18next|react-i18next|dayjs)[\\/]/ }],
        },
      },
    },
  },
});
