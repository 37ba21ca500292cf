// Datadog keys cross the LSP connection sealed (AES-256-GCM) with a key the extension hands the
// server process in its environment at spawn time. The LSP trace (`errorTracking.trace.server`,
// written to the Output log on disk) prints every request's params and every result: with the
// keys sealed it prints ciphertext that nothing but this one server process can open.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The environment variable that carries the session key (hex) to the server process. */
export const SESSION_KEY_ENV = 'ERRTRACK_SESSION_KEY';

export interface Credentials {
  apiKey: string;
  appKey: string;
}

/** A fresh 256-bit session key, hex encoded (one per server process). */
export function newSessionKey(): string {
  return randomBytes(32).toString('hex');
}

/** base64(iv | tag | ciphertext) of the JSON of the keys. */
export function sealCredentials(sessionKey: string, credentials: Credentials): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(sessionKey, 'hex'), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify({ apiKey: credentials.apiKey, appKey: credentials.appKey }), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The keys, or an Error saying why they could not be opened (never the keys themselves). */
export function openCredentials(sessionKey: string | undefined, sealed: string): Credentials | Error {
  if (!sessionKey || !/^[0-9a-f]{64}$/i.test(sessionKey)) return new Error(`no session key in ${SESSION_KEY_ENV}: sealed Datadog keys cannot be opened`);
  try {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(sessionKey, 'hex'), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    const parsed = JSON.parse(text) as Partial<Credentials>;
    if (typeof parsed.apiKey !== 'string' || typeof parsed.appKey !== 'string') return new Error('sealed Datadog keys are incomplete');
    return { apiKey: parsed.apiKey, appKey: parsed.appKey };
  } catch {
    return new Error('sealed Datadog keys did not open (another session key?)');
  }
}
