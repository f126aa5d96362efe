import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '**/migrations/**', 'e2e/test-results/**', 'e2e/report/**', 'bench/reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The core must stay pure: no Node built-ins, no I/O.
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'http', 'child_process'] }],
    },
  },
  {
    // SQL is written in packages/server/src/db/ only (docs/architecture.md): elsewhere, call a
    // repository. Passing a transaction around is fine (its types come from db/client).
    files: ['packages/server/src/**/*.ts'],
    ignores: ['packages/server/src/db/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'drizzle-orm', message: 'SQL belongs in packages/server/src/db/: add or reuse a function in db/repositories/ and call it.' }],
        patterns: [
          { group: ['drizzle-orm/*', '@electric-sql/pglite', '@electric-sql/pglite/*', 'pg'], message: 'The database is opened and queried in packages/server/src/db/ only.' },
          { group: ['**/db/schema', '**/db/schema/*'], message: 'Tables are read and written by db/repositories/ only: call a repository (types a service needs are exported there).' },
        ],
      }],
      'no-restricted-syntax': ['error', {
        selector: "MemberExpression[object.name=/^(db|tx|executor|database)$/][property.name=/^(select|selectDistinct|insert|update|delete|execute|query)$/]",
        message: 'Queries are written in packages/server/src/db/repositories/: call a repository with this handle.',
      }],
    },
  },
);
