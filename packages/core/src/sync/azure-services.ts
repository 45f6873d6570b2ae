import type { Availability, ServiceObservation } from "../plugins/observations.js";
import type { DesiredRecord } from "./desired-record.js";

const SEVERITY: Record<Availability, number> = { Available: 0, Unknown: 1, Degraded: 2, Unavailable: 3 };

/**
 * Azure Pipeline records, one per Service Name across every subscription: counts add up,
 * availability is the worst, Subscription lists the subscriptions. Stage belongs to people: a
 * discovered service starts at Deployed and the sync never writes Stage again.
 */
export function azureServiceRecords(services: readonly ServiceObservation[]): DesiredRecord[] {
  const byName = new Map<string, ServiceObservation[]>();
  for (const service of services) byName.set(service.name, [...(byName.get(service.name) ?? []), service]);
  return [...byName.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, group]) => ({
      key: name,
      values: {
        Category: group[0]!.category,
        Subscription: [...new Set(group.map((s) => s.subscriptionId))].sort().join(", "),
        "Resource Count": group.reduce((sum, s) => sum + s.resourceCount, 0),
        Availability: group.reduce<Availability>(
          (worst, s) => (SEVERITY[s.availability] > SEVERITY[worst] ? s.availability : worst),
          "Available",
        ),
      },
      createOnly: { Stage: "Deployed" },
    }));
}
