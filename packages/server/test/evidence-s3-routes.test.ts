// Evidence over HTTP with the S3 backend configured (CHISO_EVIDENCE_STORE=s3, s3rver as the store):
// an upload goes into the bucket, not the data folder, and downloads back byte for byte.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEvidenceStore } from '../src/storage/evidence-store';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser } from './support/factories';
import { loginAs } from './support/login';
import { multipartBody } from './support/multipart';
import { startLocalS3, type LocalS3 } from './support/s3';
import { pdfBytes } from './evidence-fixtures';

let s3: LocalS3;
let t: TestApp;
let dataDir: string;

beforeAll(async () => {
  s3 = await startLocalS3();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-evidence-s3-routes-'));
  t = await createTestApp({ CHISO_DATA_DIR: dataDir, CHISO_UPLOAD_MAX_MB: '1', ...s3.env });
});
afterAll(async () => {
  await t.close();
  (await openEvidenceStore(t.config)).close();
  await s3.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('evidence on an S3-compatible store', () => {
  it('uploads through the API into the bucket and downloads it back', async () => {
    const unit = await createUnit(t.database.db, { name: 'Sở Tư pháp thử' });
    const user = await createUser(t.database.db, { unitId: unit.id, roles: ['unit_officer'] });
    const { headers } = await loginAs(t.app, user.username, user.password);
    const body = multipartBody({ title: 'Kế hoạch cải cách hành chính năm 2025' }, { name: 'Kế hoạch CCHC.pdf', bytes: pdfBytes(), type: 'application/pdf' });
    const uploaded = await t.app.inject({ method: 'POST', url: `/api/units/${unit.id}/evidence`, payload: body.payload, headers: { ...headers, ...body.headers } });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const { id } = uploaded.json() as { id: string };
    const sha256 = createHash('sha256').update(pdfBytes()).digest('hex');

    const store = await openEvidenceStore(t.config);
    expect(store.kind).toBe('s3');
    const inBucket: string[] = [];
    for await (const hash of store.listEvidence()) inBucket.push(hash);
    expect(inBucket).toEqual([sha256]);
    // Nothing of it in the data folder: only the (empty) folder of upload temporary files.
    expect(fs.existsSync(path.join(dataDir, 'files'))).toBe(false);
    expect(fs.readdirSync(path.join(dataDir, 'evidence-upload-tmp'))).toEqual([]);

    const downloaded = await t.app.inject({ method: 'GET', url: `/api/evidence/${id}/content`, headers });
    expect(downloaded.statusCode).toBe(200);
    expect(downloaded.headers['content-type']).toBe('application/pdf');
    expect(downloaded.rawPayload).toEqual(pdfBytes());
  });
});
