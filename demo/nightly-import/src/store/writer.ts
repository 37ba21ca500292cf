// Writes normalized records to the records bucket, one JSON Lines object per account, day and part.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ImportedRecord } from '../transform/records';

const bucket = process.env.RECORDS_BUCKET ?? 'acme-records-dev';
const client = new S3Client({ region: process.env.AWS_REGION ?? 'eu-west-1' });

export const PART_SIZE = 250;

/** The day partition a record belongs to, from when the partner last changed it. */
export function partitionKey(record: ImportedRecord): string {
  return new Date(record.updatedAt).toISOString().slice(0, 10);
}

export function addToPartition(partitions: Map<string, ImportedRecord[]>, record: ImportedRecord): void {
  const day = partitionKey(record);
  const list = partitions.get(day) ?? [];
  list.push(record);
  partitions.set(day, list);
}

export async function writePart(accountId: number, day: string, part: number, records: ImportedRecord[]): Promise<string> {
  const key = `records/dt=${day}/account=${accountId}/part-${String(part).padStart(5, '0')}.jsonl`;
  const body = records.map((record) => JSON.stringify(record)).join('\n') + '\n';
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/x-ndjson' }));
  return key;
}

export async function flushPartitions(accountId: number, partitions: Map<string, ImportedRecord[]>): Promise<string[]> {
  const keys: string[] = [];
  for (const [day, records] of partitions) {
    for (let start = 0, part = 0; start < records.length; start += PART_SIZE, part++) {
      keys.push(await writePart(accountId, day, part, records.slice(start, start + PART_SIZE)));
    }
  }
  return keys;
}
