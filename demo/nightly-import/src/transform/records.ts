// Turns the partner's raw records into the shape the records bucket stores.
import type { RawRecord } from '../api/client';

export interface ImportedRecord {
  id: string;
  accountId: number;
  email: string;
  tags: string[];
  amountCents: number;
  currency: string;
  updatedAt: string;
}

export function normalizeRecord(raw: RawRecord, accountId: number): ImportedRecord {
  const amount = normalizeAmount(raw);
  return {
    id: raw.id,
    accountId,
    email: String(raw.email ?? '').trim().toLowerCase(),
    tags: normalizeTags(raw),
    amountCents: amount.cents,
    currency: amount.currency,
    updatedAt: String(raw.updated_at),
  };
}

export function normalizeTags(raw: RawRecord): string[] {
  const tags = raw.tags as string[] | undefined;
  if (tags === undefined) return [];
  // The partner documents tags as an array of strings.
  return tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag.length > 0);
}

export function normalizeAmount(raw: RawRecord): { cents: number; currency: string } {
  const amount = raw.amount as { value: string; currency: string };
  const currency = amount.currency.toUpperCase();
  return { cents: Math.round(Number(amount.value) * 100), currency };
}
