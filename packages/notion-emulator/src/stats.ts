import type { FaultKind } from "./faults.js";

export interface RequestLogEntry {
  seq: number;
  /** Arrival time, ms since the epoch (emulator clock). */
  time: number;
  method: string;
  /** Path without the query string. */
  path: string;
  /** The route, e.g. `POST /v1/pages`, or `METHOD path` when no route matched. */
  endpoint: string;
  /** HTTP status sent; 0 when the connection was reset instead. */
  status: number;
  requestId: string;
  fault?: FaultKind;
  /** 429 sent by the rate limiter (not by an injected fault). */
  rateLimited?: boolean;
  /** True when a write was stored although the client saw a failure (ambiguous_create). */
  storedDespiteFailure?: boolean;
  /** Set when the response was held back (slow / ambiguous timeout); the entry is recorded when decided. */
  delayMs?: number;
  /** Parsed JSON body of POST / PATCH / DELETE requests. */
  body?: unknown;
}

export interface EndpointStats {
  total: number;
  byStatus: Record<string, number>;
}

export interface EmulatorStats {
  total: number;
  byEndpoint: Record<string, EndpointStats>;
  /** Keys are HTTP statuses as strings; `"reset"` counts destroyed connections. */
  byStatus: Record<string, number>;
  /** The most requests that arrived within any 1-second window. */
  maxRequestsInAnySecond: number;
  /** Requests per second between the first and the last arrival: (n − 1) / span. */
  averageRate: number;
  /** 429 responses sent (rate limiter and injected). */
  rateLimited: number;
  /** 429 responses sent by the token bucket alone. */
  rateLimitedByLimiter: number;
  faultsInjected: number;
  faultsByKind: Partial<Record<FaultKind, number>>;
  /** Objects stored by ambiguous creates whose client saw a failure. */
  ambiguousStored: number;
  firstRequestAt: number | null;
  lastRequestAt: number | null;
}

export interface StatsRecorderOptions {
  /** Oldest log entries are dropped past this many (default 100,000). */
  logLimit?: number;
}

/** Collects the request log and running statistics. */
export class StatsRecorder {
  private log: RequestLogEntry[] = [];
  private stats: EmulatorStats = StatsRecorder.empty();
  private window: number[] = [];
  private seq = 0;
  private readonly logLimit: number;

  constructor(options: StatsRecorderOptions = {}) {
    this.logLimit = options.logLimit ?? 100_000;
  }

  static empty(): EmulatorStats {
    return {
      total: 0,
      byEndpoint: {},
      byStatus: {},
      maxRequestsInAnySecond: 0,
      averageRate: 0,
      rateLimited: 0,
      rateLimitedByLimiter: 0,
      faultsInjected: 0,
      faultsByKind: {},
      ambiguousStored: 0,
      firstRequestAt: null,
      lastRequestAt: null,
    };
  }

  /** Notes an arrival (in arrival order, for the sliding 1-second window); returns its sequence number. */
  arrive(time: number): number {
    const s = this.stats;
    this.window.push(time);
    while ((this.window[0] as number) <= time - 1000) this.window.shift();
    s.maxRequestsInAnySecond = Math.max(s.maxRequestsInAnySecond, this.window.length);
    s.firstRequestAt ??= time;
    s.lastRequestAt = Math.max(s.lastRequestAt ?? time, time);
    return ++this.seq;
  }

  /** Records a finished request. */
  finish(entry: RequestLogEntry): void {
    const s = this.stats;
    s.total += 1;
    const statusKey = entry.status === 0 ? "reset" : String(entry.status);
    s.byStatus[statusKey] = (s.byStatus[statusKey] ?? 0) + 1;
    const endpoint = s.byEndpoint[entry.endpoint] ?? { total: 0, byStatus: {} };
    s.byEndpoint[entry.endpoint] = endpoint;
    endpoint.total += 1;
    endpoint.byStatus[statusKey] = (endpoint.byStatus[statusKey] ?? 0) + 1;
    if (entry.status === 429) s.rateLimited += 1;
    if (entry.rateLimited) s.rateLimitedByLimiter += 1;
    if (entry.fault) {
      s.faultsInjected += 1;
      s.faultsByKind[entry.fault] = (s.faultsByKind[entry.fault] ?? 0) + 1;
    }
    if (entry.storedDespiteFailure) s.ambiguousStored += 1;
    const first = s.firstRequestAt;
    const last = s.lastRequestAt;
    const span = first !== null && last !== null ? (last - first) / 1000 : 0;
    s.averageRate = span > 0 ? (s.total - 1) / span : 0;
    this.log.push(entry);
    if (this.log.length > this.logLimit) this.log.splice(0, this.log.length - this.logLimit);
  }

  snapshot(): EmulatorStats {
    return structuredClone(this.stats);
  }

  entries(): RequestLogEntry[] {
    return this.log.map((e) => ({ ...e }));
  }

  reset(): void {
    this.log = [];
    this.stats = StatsRecorder.empty();
    this.window = [];
  }
}
