#!/usr/bin/env node
// `npx chiso …`: the CLI is TypeScript run through tsx, as `npm run chiso` does (`node --import tsx`).
await import('tsx');
await import('../src/cli.ts');
