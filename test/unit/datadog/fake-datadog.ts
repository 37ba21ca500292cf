// A local stand-in for Datadog's API on 127.0.0.1 (random port): answers from a queue of canned
// responses per "METHOD /path", records every request (method, path, query, headers, body).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  rawBody: string;
}

export interface CannedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is (for malformed JSON); anything else as JSON. */
  body?: unknown;
  /** Never answer (the socket stays open until the server closes). */
  hang?: boolean;
  /** Answer after this long (to see how many requests a client keeps in flight). */
  delayMs?: number;
}

export type Handler = (request: RecordedRequest) => CannedResponse;

export class FakeDatadog {
  readonly requests: RecordedRequest[] = [];
  /** Requests received and not answered yet, and the most there were at once. */
  inFlight = 0;
  maxInFlight = 0;
  private readonly routes = new Map<string, (CannedResponse | Handler)[]>();
  private readonly hanging = new Set<http.ServerResponse>();
  /** Answers what no route names (e.g. every /issues/{id}); undefined falls through to 404. */
  fallback: ((request: RecordedRequest) => CannedResponse | undefined) | undefined;
  private server: http.Server | undefined;
  url = '';

  /** Answers the next request to `METHOD /path` with this (queued; the last one repeats). */
  on(route: string, ...responses: (CannedResponse | Handler)[]): this {
    const queue = this.routes.get(route) ?? [];
    queue.push(...responses);
    this.routes.set(route, queue);
    return this;
  }

  /** Forgets the routes and the recorded requests (between tests). */
  reset(): void {
    this.routes.clear();
    this.fallback = undefined;
    this.requests.length = 0;
    this.maxInFlight = 0;
  }

  /** Listens on 127.0.0.1, on a random port unless one is given. */
  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.answer(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests to one route, in order. */
  sent(route: string): RecordedRequest[] {
    const [method, path] = route.split(' ');
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  private answer(req: http.IncomingMessage, rawBody: string, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body: unknown = undefined;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = rawBody;
    }
    const request: RecordedRequest = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body, rawBody };
    this.requests.push(request);
    const route = `${request.method} ${request.path}`;
    const queue = this.routes.get(route);
    let next: CannedResponse | Handler | undefined;
    if (queue && queue.length > 1) next = queue.shift();
    else if (queue && queue.length === 1) next = queue[0];
    let canned = typeof next === 'function' ? next(request) : next;
    if (!canned && !queue) canned = this.fallback?.(request);
    canned ??= { status: 404, body: { errors: [`no canned answer for ${route}`] } };
    if (canned.hang) {
      this.hanging.add(res);
      return;
    }
    const text = typeof canned.body === 'string' ? canned.body : JSON.stringify(canned.body ?? {});
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const send = () => {
      this.inFlight--;
      res.writeHead(canned.status ?? 200, { 'content-type': 'application/json', ...canned.headers });
      res.end(text);
    };
    if (canned.delayMs) setTimeout(send, canned.delayMs);
    else send();
  }
}
