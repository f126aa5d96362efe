import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/** A local S3 (s3rver) for tests. */
export interface LocalS3 {
  endpoint: string;
  /** The bucket made at start. */
  bucket: string;
  /** The settings that point chiso at it, as environment variables. */
  env: Record<string, string>;
  /** Makes another empty bucket; returns its name. */
  createBucket(): Promise<string>;
  /** Sets the LastModified of an object (s3rver reads it from its file's time). */
  setObjectTime(bucket: string, key: string, time: Date): void;
  close(): Promise<void>;
}

let buckets = 0;

/** Starts s3rver on a free loopback port with its own temporary folder and one empty bucket. */
export async function startLocalS3(bucket = 'chiso-evidence'): Promise<LocalS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    // s3rver's fixed keys; it checks the signature.
    env: { CHISO_EVIDENCE_STORE: 's3', CHISO_S3_ENDPOINT: endpoint, CHISO_S3_BUCKET: bucket, CHISO_S3_ACCESS_KEY_ID: 'S3RVER', CHISO_S3_SECRET_ACCESS_KEY: 'S3RVER' },
    async createBucket() {
      const name = `${bucket}-${++buckets}`;
      // A bucket is a folder of s3rver's directory.
      fs.mkdirSync(path.join(directory, name));
      return name;
    },
    setObjectTime(inBucket, key, time) {
      fs.utimesSync(server.store.getResourcePath(inBucket, key, 'object'), time, time);
    },
    async close() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
