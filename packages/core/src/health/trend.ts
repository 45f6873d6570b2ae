import { parseBreakdown } from "./breakdown-text.js";
import { HEALTH_COMPONENT_SHORT_LABELS, HEALTH_COMPONENTS, type HealthComponent } from "./components.js";
import type { HealthBreakdownEntry } from "./score.js";

export interface HealthSnapshot {
  score: number;
  /** Entries, or the Score Breakdown text of a stored snapshot (read with `parseBreakdown`). */
  breakdown: readonly HealthBreakdownEntry[] | string;
}

export interface MovedComponent {
  component: HealthComponent;
  /** Penalty in the earlier snapshot. */
  before: number;
  /** Penalty now. */
  after: number;
}

export interface HealthTrend {
  /** Today's score minus the earlier one; null without an earlier score. */
  delta: number | null;
  /** Components whose penalty changed, in HEALTH_COMPONENTS order. */
  movedComponents: MovedComponent[];
  /** One line for the run summary, e.g. "▲ 5 (alerts −10 → 0)", "▼ 7 (backup 0 → −7)", "= 0". */
  text: string;
}

/**
 * How a site's score moved since an earlier snapshot (normally yesterday's Daily Health record).
 * Components are compared only when both snapshots list them.
 */
export function healthTrend(today: HealthSnapshot, yesterday?: HealthSnapshot | null): HealthTrend {
  if (!yesterday || !Number.isFinite(yesterday.score) || !Number.isFinite(today.score)) {
    return { delta: null, movedComponents: [], text: "new (no earlier snapshot)" };
  }
  const before = penalties(yesterday.breakdown);
  const after = penalties(today.breakdown);
  const movedComponents: MovedComponent[] = [];
  for (const component of HEALTH_COMPONENTS) {
    const was = before.get(component);
    const is = after.get(component);
    if (was !== undefined && is !== undefined && was !== is)
      movedComponents.push({ component, before: was, after: is });
  }
  const delta = today.score - yesterday.score;
  const head = delta > 0 ? `▲ ${delta}` : delta < 0 ? `▼ ${-delta}` : "= 0";
  const moves = movedComponents.map(
    (move) =>
      `${HEALTH_COMPONENT_SHORT_LABELS[move.component]} ${points(move.before)} → ${points(move.after)}`,
  );
  return { delta, movedComponents, text: moves.length ? `${head} (${moves.join(", ")})` : head };
}

function penalties(breakdown: readonly HealthBreakdownEntry[] | string): Map<HealthComponent, number> {
  const entries = typeof breakdown === "string" ? parseBreakdown(breakdown) : breakdown;
  const map = new Map<HealthComponent, number>();
  for (const entry of entries) {
    if (Number.isFinite(entry.penalty) && !map.has(entry.component)) map.set(entry.component, entry.penalty);
  }
  return map;
}

function points(penalty: number): string {
  return penalty === 0 ? "0" : `−${penalty}`;
}
