// Client for the partner's records API. Pages are fetched one at a time per account; the
// partner enforces a per-account rate limit and answers 429 with a Retry-After header.

export interface Account {
  id: number;
  region: string;
}

export interface RawRecord {
  id: string;
  [field: string]: unknown;
}

export interface Page {
  account: number;
  page: number;
  records: RawRecord[];
  nextCursor?: string;
}

export class RateLimitError extends Error {
  override name = 'RateLimitError';
  constructor(
    readonly accountId: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`Partner API rate limit exceeded for account ${accountId}: retry after ${retryAfterSeconds}s (HTTP 429)`);
  }
}

export class PartnerApiError extends Error {
  override name = 'PartnerApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const baseUrl = process.env.PARTNER_API_URL ?? 'https://api.partner.example.com/v2';
const token = process.env.PARTNER_API_TOKEN ?? '';

export async function listAccounts(since?: Date): Promise<Account[]> {
  const query = since ? `?changed_since=${encodeURIComponent(since.toISOString())}` : '';
  const response = await fetch(`${baseUrl}/accounts${query}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) {
    throw new PartnerApiError(response.status, `listing accounts failed with HTTP ${response.status}`);
  }
  return (await response.json()) as Account[];
}

export async function fetchPage(account: Account, page: number, cursor?: string): Promise<Page> {
  const url = new URL(`${baseUrl}/accounts/${account.id}/records`);
  url.searchParams.set('page_size', '50');
  if (cursor) url.searchParams.set('cursor', cursor);

  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.status === 429) {
    const retryAfter = Number(response.headers.get('retry-after') ?? '30');
    throw new RateLimitError(account.id, retryAfter);
  }
  if (!response.ok) {
    throw new PartnerApiError(response.status, `page ${page} of account ${account.id} failed with HTTP ${response.status}`);
  }
  const body = (await response.json()) as { records: RawRecord[]; next_cursor?: string };
  return { account: account.id, page, records: body.records, nextCursor: body.next_cursor };
}
