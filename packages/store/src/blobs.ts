/** Raw payloads, attachments and scans: S3 in the cloud, a folder locally. */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import type { BlobStore } from '@housing-inbox/core';

function checkKey(key: string): void {
  if (!key || key.startsWith('/') || key.split('/').some((part) => part === '..' || part === '')) {
    throw new RangeError(`invalid blob key: ${key}`);
  }
}

/**
 * Files under a directory; the content type in a sidecar file. Writes are atomic
 * (temp file + rename), each with its own temp file: the same key written by many
 * deliveries at once (an attachment everyone forwards) never collides.
 */
export class FileBlobStore implements BlobStore {
  readonly #root: string;
  constructor(root: string) {
    this.#root = resolve(root);
  }

  #path(key: string): string {
    checkKey(key);
    const path = resolve(join(this.#root, key));
    if (!path.startsWith(this.#root + sep)) throw new RangeError(`invalid blob key: ${key}`);
    return path;
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    const path = this.#path(key);
    await mkdir(dirname(path), { recursive: true });
    await atomicWrite(`${path}.content-type`, contentType);
    await atomicWrite(path, body);
  }

  async get(key: string): Promise<{ body: Uint8Array; contentType: string } | undefined> {
    const path = this.#path(key);
    try {
      const [body, contentType] = await Promise.all([readFile(path), readFile(`${path}.content-type`, 'utf8')]);
      return { body: new Uint8Array(body), contentType };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.#path(key);
    await Promise.all([rm(path, { force: true }), rm(`${path}.content-type`, { force: true })]);
  }
}

/** Written beside the target under a name no other write uses, then renamed over it. */
async function atomicWrite(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${path}.${randomUUID()}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}

export interface S3BlobStoreOptions {
  bucketName: string;
  awsSdkV3Client?: S3Client;
  clientConfig?: S3ClientConfig;
}

/** S3, encrypted with the bucket's KMS key (the bucket enforces it). */
export class S3BlobStore implements BlobStore {
  readonly #s3: S3Client;
  readonly #bucket: string;
  constructor(options: S3BlobStoreOptions) {
    this.#bucket = options.bucketName;
    this.#s3 = options.awsSdkV3Client ?? new S3Client(options.clientConfig ?? {});
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    checkKey(key);
    await this.#s3.send(new PutObjectCommand({ Bucket: this.#bucket, Key: key, Body: body, ContentType: contentType }));
  }

  async get(key: string): Promise<{ body: Uint8Array; contentType: string } | undefined> {
    checkKey(key);
    try {
      const out = await this.#s3.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      if (!out.Body) return undefined;
      return {
        body: await out.Body.transformToByteArray(),
        contentType: out.ContentType ?? 'application/octet-stream',
      };
    } catch (err) {
      if (err instanceof NoSuchKey || (err as Error)?.name === 'NoSuchKey') return undefined;
      throw err;
    }
  }

  /** On a versioned bucket this adds a delete marker; the bucket's lifecycle expires the old versions. */
  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.#s3.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
  }
}
