/** The five parts of a site's health score, in the order they are applied and shown. */
export const HEALTH_COMPONENTS = [
  "deviceAvailability",
  "wifiQuality",
  "alerts",
  "backup",
  "configCompliance",
] as const;

export type HealthComponent = (typeof HEALTH_COMPONENTS)[number];

/** How each component is named in the Score Breakdown text (also what `parseBreakdown` reads back). */
export const HEALTH_COMPONENT_LABELS: Readonly<Record<HealthComponent, string>> = Object.freeze({
  deviceAvailability: "Device availability",
  wifiQuality: "Wi-Fi quality",
  alerts: "Alerts",
  backup: "Backup",
  configCompliance: "Config compliance",
});

/** Short names used in the one-line trend of the run summary. */
export const HEALTH_COMPONENT_SHORT_LABELS: Readonly<Record<HealthComponent, string>> = Object.freeze({
  deviceAvailability: "devices",
  wifiQuality: "wifi",
  alerts: "alerts",
  backup: "backup",
  configCompliance: "config",
});

export function isHealthComponent(value: unknown): value is HealthComponent {
  return typeof value === "string" && (HEALTH_COMPONENTS as readonly string[]).includes(value);
}
