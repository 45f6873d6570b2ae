import type { Now } from "./clock.js";
import { createPrng, type Prng } from "./prng.js";

export const FAULT_KINDS = [
  "rate_limited",
  "internal_server_error",
  "bad_gateway_html",
  "service_unavailable",
  "gateway_timeout",
  "service_overload",
  "conflict_error",
  "connection_reset",
  "slow",
  "ambiguous_create",
] as const;

/**
 * - `rate_limited`: 429 `rate_limited` with `Retry-After`, and every request in the following
 *   Retry-After window is refused too (a burst of 429s that ends when the client waits).
 * - `internal_server_error` 500, `service_unavailable` 503, `gateway_timeout` 504,
 *   `conflict_error` 409: Notion error bodies; nothing is stored.
 * - `bad_gateway_html`: 502 with a Cloudflare HTML body (the SDK reports an unknown response).
 * - `service_overload`: 529 `service_overload` with `Retry-After`.
 * - `connection_reset`: the socket is destroyed before anything is processed.
 * - `slow`: the request is processed normally, the response is sent `slowMs` later.
 * - `ambiguous_create`: a create IS stored, but the client gets a failure (see AmbiguousOutcome).
 */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** How an ambiguous create fails after the object was stored. */
export const AMBIGUOUS_OUTCOMES = [
  "internal_server_error",
  "bad_gateway_html",
  "gateway_timeout",
  "connection_reset",
  "timeout",
] as const;
export type AmbiguousOutcome = (typeof AMBIGUOUS_OUTCOMES)[number];

/** Which requests a fault applies to. Paths are route patterns (`/v1/pages/:page_id`), exact paths or RegExps. */
export interface FaultMatcher {
  methods?: string[];
  paths?: (string | RegExp)[];
}

/** A fault for the next `count` matching requests, ahead of any random faults. */
export interface ScriptedFault {
  kind: FaultKind;
  /** How many matching requests get it (default 1). */
  count?: number;
  method?: string;
  path?: string | RegExp;
  /** For rate_limited / service_overload. */
  retryAfterSeconds?: number;
  /** For slow, and for ambiguous_create with outcome `timeout`. */
  delayMs?: number;
  /** For ambiguous_create. */
  outcome?: AmbiguousOutcome;
}

export interface FaultOptions {
  /** Seeds the fault PRNG (default: the emulator's seed, else 1). */
  seed?: number;
  /** Probability (0..1) that an eligible request gets a random fault. Default 0. */
  rate?: number;
  /** Kinds random faults are drawn from, uniformly (default: all). */
  kinds?: FaultKind[];
  /** Restricts random faults to matching requests. */
  only?: FaultMatcher;
  /** `Retry-After` seconds for rate_limited and service_overload (default 1; may exceed 60). */
  retryAfterSeconds?: number;
  /** Delay of a `slow` response (default 250 ms). */
  slowMs?: number;
  /** Outcomes an ambiguous create is drawn from (default: all). */
  ambiguousOutcomes?: AmbiguousOutcome[];
  /** How long an ambiguous `timeout` holds the response before answering 200 (default 65,000 ms). */
  ambiguousDelayMs?: number;
  /** Scripted faults, consumed in order before random ones. */
  script?: ScriptedFault[];
}

export interface FaultRequest {
  method: string;
  /** The request path, e.g. `/v1/pages`. */
  path: string;
  /** The route pattern, e.g. `/v1/pages/:page_id`, if the path matched a route. */
  pattern?: string;
  /** Whether the route creates an object (eligible for ambiguous_create). */
  creates: boolean;
}

export type FaultDecision =
  | { kind: "rate_limited"; retryAfterSeconds: number }
  | { kind: "service_overload"; retryAfterSeconds: number }
  | {
      kind:
        | "internal_server_error"
        | "bad_gateway_html"
        | "service_unavailable"
        | "gateway_timeout"
        | "conflict_error"
        | "connection_reset";
    }
  | { kind: "slow"; delayMs: number }
  | { kind: "ambiguous_create"; outcome: AmbiguousOutcome; delayMs: number };

const DEFAULT_SLOW_MS = 250;
const DEFAULT_AMBIGUOUS_DELAY_MS = 65_000;

function matchesPath(request: FaultRequest, path: string | RegExp): boolean {
  if (typeof path === "string") return path === request.path || path === request.pattern;
  return path.test(request.path);
}

function matches(request: FaultRequest, matcher: FaultMatcher | undefined): boolean {
  if (!matcher) return true;
  if (matcher.methods && !matcher.methods.some((m) => m.toUpperCase() === request.method)) return false;
  if (matcher.paths && !matcher.paths.some((p) => matchesPath(request, p))) return false;
  return true;
}

/**
 * Decides, deterministically from a seed and the request sequence, which requests fail and how.
 * Scripted faults come first; then each eligible request draws from the seeded PRNG.
 */
export class FaultInjector {
  private options: FaultOptions;
  private prng: Prng;
  private script: (ScriptedFault & { remaining: number })[];
  private rateLimitedUntil = 0;
  private readonly now: Now;
  private readonly defaultSeed: number;

  constructor(options: FaultOptions | undefined, defaultSeed: number, now: Now) {
    this.now = now;
    this.defaultSeed = defaultSeed;
    this.options = options ?? {};
    this.prng = createPrng(this.options.seed ?? defaultSeed);
    this.script = [];
    this.enqueue(this.options.script ?? []);
  }

  /** Replaces the options and restarts the PRNG from the seed. */
  configure(options: FaultOptions | undefined): void {
    this.options = options ?? {};
    this.prng = createPrng(this.options.seed ?? this.defaultSeed);
    this.script = [];
    this.rateLimitedUntil = 0;
    this.enqueue(this.options.script ?? []);
  }

  enqueue(faults: readonly ScriptedFault[]): void {
    for (const f of faults) this.script.push({ ...f, remaining: f.count ?? 1 });
  }

  decide(request: FaultRequest): FaultDecision | undefined {
    const now = this.now();
    if (now < this.rateLimitedUntil) {
      return {
        kind: "rate_limited",
        retryAfterSeconds: Math.max(1, Math.ceil((this.rateLimitedUntil - now) / 1000)),
      };
    }
    const scripted = this.script.find(
      (f) =>
        (!f.method || f.method.toUpperCase() === request.method) &&
        (!f.path || matchesPath(request, f.path)) &&
        (f.kind !== "ambiguous_create" || request.creates),
    );
    if (scripted) {
      scripted.remaining -= 1;
      if (scripted.remaining <= 0) this.script.splice(this.script.indexOf(scripted), 1);
      return this.build(scripted.kind, scripted);
    }
    const rate = this.options.rate ?? 0;
    if (rate <= 0 || !matches(request, this.options.only)) return undefined;
    if (this.prng.next() >= rate) return undefined;
    const kinds = (this.options.kinds ?? [...FAULT_KINDS]).filter(
      (k) => k !== "ambiguous_create" || request.creates,
    );
    if (kinds.length === 0) return undefined;
    const kind = kinds[this.prng.nextInt(kinds.length)] as FaultKind;
    return this.build(kind, {});
  }

  private build(kind: FaultKind, overrides: Partial<ScriptedFault>): FaultDecision {
    const retryAfterSeconds = overrides.retryAfterSeconds ?? this.options.retryAfterSeconds ?? 1;
    switch (kind) {
      case "rate_limited":
        this.rateLimitedUntil = this.now() + retryAfterSeconds * 1000;
        return { kind, retryAfterSeconds };
      case "service_overload":
        return { kind, retryAfterSeconds };
      case "slow":
        return { kind, delayMs: overrides.delayMs ?? this.options.slowMs ?? DEFAULT_SLOW_MS };
      case "ambiguous_create": {
        const outcomes = this.options.ambiguousOutcomes ?? [...AMBIGUOUS_OUTCOMES];
        const outcome =
          overrides.outcome ?? (outcomes[this.prng.nextInt(outcomes.length)] as AmbiguousOutcome);
        return {
          kind,
          outcome,
          delayMs: overrides.delayMs ?? this.options.ambiguousDelayMs ?? DEFAULT_AMBIGUOUS_DELAY_MS,
        };
      }
      default:
        return { kind };
    }
  }
}
