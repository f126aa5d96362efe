// s3rver ships no types: what the evidence-store tests use of it (a local S3 for tests).
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    directory?: string;
    silent?: boolean;
    resetOnClose?: boolean;
    configureBuckets?: { name: string; configs?: string[] }[];
  }

  export default class S3rver {
    constructor(options?: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    store: { getResourcePath(bucket: string, key: string, resource: 'object' | 'metadata.json'): string };
  }
}
