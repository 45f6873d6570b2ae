import { HEALTH_COMPONENT_LABELS, HEALTH_COMPONENTS, type HealthComponent } from "./components.js";
import type { HealthBreakdownEntry } from "./score.js";

/** Notion's limit for one rich_text content string (Score Breakdown is written as one). */
export const SCORE_BREAKDOWN_MAX_LENGTH = 2000;

const MAX_FACTS_LENGTH = 300;

/**
 * The Score Breakdown text: a header and one line per component, e.g.
 *
 * ```
 * Health score 66 of 100
 * Device availability −7 of 30: 3 of 12 devices offline
 * Wi-Fi quality −0 of 20: no Wi-Fi clients reported
 * Alerts −20 of 20: 2 critical, 3 warning alerts (26 points, capped at 20)
 * Backup −7 of 15: backup partial
 * Config compliance −0 of 15: no config drift
 * ```
 * "−7 of 30" reads "lost 7 of the component's 30 points". Deterministic, single-line facts, at
 * most SCORE_BREAKDOWN_MAX_LENGTH characters (long facts are shortened with "…"), and readable
 * back with `parseBreakdown`.
 */
export function formatBreakdown(breakdown: readonly HealthBreakdownEntry[], score: number): string {
  const lines = [`Health score ${score} of 100`];
  for (const entry of breakdown) {
    const label = HEALTH_COMPONENT_LABELS[entry.component] ?? String(entry.component);
    lines.push(
      `${label} −${entry.penalty} of ${entry.weight}: ${shorten(oneLine(entry.facts), MAX_FACTS_LENGTH)}`,
    );
  }
  return shorten(lines.join("\n"), SCORE_BREAKDOWN_MAX_LENGTH);
}

const LINE = new RegExp(
  `^(${HEALTH_COMPONENTS.map((component) => escapeRegExp(HEALTH_COMPONENT_LABELS[component])).join("|")}) −(\\d+) of (\\d+): (.*)$`,
);

/**
 * Reads the component lines of a Score Breakdown text written by `formatBreakdown` (e.g.
 * yesterday's Daily Health snapshot). Lines it does not recognise are skipped, so a hand-edited
 * or shortened text yields the components that are still intact.
 */
export function parseBreakdown(text: string): HealthBreakdownEntry[] {
  const byLabel = new Map<string, HealthComponent>(
    HEALTH_COMPONENTS.map((component) => [HEALTH_COMPONENT_LABELS[component], component]),
  );
  const entries: HealthBreakdownEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = LINE.exec(line.trim());
    const component = match ? byLabel.get(match[1]!) : undefined;
    if (!match || !component || entries.some((entry) => entry.component === component)) continue;
    entries.push({ component, penalty: Number(match[2]), weight: Number(match[3]), facts: match[4]! });
  }
  return entries;
}

function oneLine(text: string): string {
  return String(text)
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
    .trim();
}

/** Cuts to at most `max` UTF-16 units, ending in "…", never splitting a surrogate pair. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
