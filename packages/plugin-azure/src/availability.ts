import type { Availability } from "@notion-ops/core";

/** Worst first: a service is as available as its least available resource. */
const SEVERITY: Readonly<Record<Availability, number>> = {
  Unavailable: 3,
  Degraded: 2,
  Unknown: 1,
  Available: 0,
};

/** Resource Health `availabilityState` → our Availability (anything unrecognised is Unknown). */
export function toAvailability(state: string | undefined): Availability {
  switch (state?.trim().toLowerCase()) {
    case "available":
      return "Available";
    case "degraded":
      return "Degraded";
    case "unavailable":
      return "Unavailable";
    default:
      return "Unknown";
  }
}

/**
 * The worst of some availability states (Unavailable > Degraded > Unknown > Available); Unknown
 * when there is none, since no health record at all says nothing about the service.
 */
export function worstAvailability(states: Iterable<Availability>): Availability {
  let worst: Availability | undefined;
  for (const state of states) {
    if (worst === undefined || SEVERITY[state] > SEVERITY[worst]) worst = state;
  }
  return worst ?? "Unknown";
}
