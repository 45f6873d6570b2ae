export { type NormalizedBackupStatus, normalizeBackupStatus } from "./backup-status.js";
export { formatBreakdown, parseBreakdown, SCORE_BREAKDOWN_MAX_LENGTH } from "./breakdown-text.js";
export {
  HEALTH_COMPONENT_LABELS,
  HEALTH_COMPONENT_SHORT_LABELS,
  HEALTH_COMPONENTS,
  type HealthComponent,
} from "./components.js";
export { type DriftResult, detectDrift } from "./drift.js";
export {
  type ConfigFingerprintOptions,
  canonicalConfig,
  configFingerprint,
  DEFAULT_VOLATILE_KEY_PATTERNS,
} from "./fingerprint.js";
export { type HealthConfig, type HealthConfigInput, healthConfigSchema } from "./health-config.js";
export { HealthConfigError, type HealthConfigIssue } from "./health-config-error.js";
export type { HealthInput } from "./health-input.js";
export { type RiskInput, type RiskLevel, riskLevel } from "./risk.js";
export { calculateHealthScore, type HealthBreakdownEntry, type HealthScore } from "./score.js";
export { combineFingerprints, OPAQUE_FINGERPRINT_SOURCE, parseSiteFingerprint } from "./site-fingerprint.js";
export { type HealthStatus, healthStatus } from "./status.js";
export {
  DEFAULT_HEALTH_THRESHOLDS,
  type HealthThresholds,
  healthThresholdsSchema,
  resolveHealthThresholds,
} from "./thresholds.js";
export { type HealthSnapshot, type HealthTrend, healthTrend, type MovedComponent } from "./trend.js";
export {
  assertHealthWeights,
  DEFAULT_HEALTH_WEIGHTS,
  type HealthWeights,
  healthWeightsSchema,
} from "./weights.js";
