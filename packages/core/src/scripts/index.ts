export {
  classifyScriptFailure,
  SCRIPT_ERROR_CLASS_LABELS,
  SCRIPT_ERROR_CLASSES,
  type ScriptErrorClass,
  type ScriptFailureClassification,
  type ScriptFailureInput,
} from "./error-classifier.js";
export {
  FORBIDDEN_RULE_IDS,
  FORBIDDEN_RULES,
  type ForbiddenMatch,
  type ForbiddenRule,
  type ForbiddenRuleId,
  isForbiddenRuleId,
  scanForbiddenContent,
} from "./forbidden-rules.js";
export { buildHandoff, DEFAULT_HANDOFF_TAIL_CHARS, type Handoff, type HandoffOptions } from "./handoff.js";
export {
  chunkHandoffBlocks,
  type HandoffBlock,
  type HandoffCodeLanguage,
  type HandoffRichText,
  handoffToNotionBlocks,
} from "./handoff-blocks.js";
export { type ScriptInterpreter, type ScriptInterpreterName, SUPPORTED_EXTENSIONS } from "./interpreter.js";
export {
  loadScriptManifest,
  type ManifestEntry,
  parseScriptManifest,
  type ScriptManifest,
  scriptManifestEntrySchema,
  scriptManifestSchema,
} from "./manifest.js";
export type { CapturedOutput } from "./output-capture.js";
export {
  type CheckedScript,
  checkScriptPolicy,
  MAX_SCRIPT_BYTES,
  normaliseScriptPath,
  type ScriptPolicyCheck,
  type ScriptPolicyContext,
} from "./policy.js";
export {
  needsHandoff,
  SCRIPT_RUN_STATUSES,
  type ScriptRunResult,
  type ScriptRunStatus,
} from "./run-result.js";
export {
  type RunScriptsOptions,
  type RunScriptsReport,
  type RunStateStore,
  runScripts,
  type ScriptDryRunItem,
  type ScriptReportError,
} from "./run-scripts.js";
export { type PlannedScript, planScripts, type ScriptPlanContext } from "./script-plan.js";
export {
  type RunOrigin,
  runKey,
  runOriginFromEnv,
  scriptRunsStore,
  scriptRunWriter,
} from "./script-runs-log.js";
export {
  DEFAULT_SCRIPTS_CONFIG,
  MAX_SCRIPT_TIMEOUT_SECONDS,
  type ScriptsConfig,
  type ScriptsConfigInput,
  scriptsConfigSchema,
} from "./scripts-config.js";
export {
  SCRIPT_SUMMARY_COLUMNS,
  type ScriptDryRunAction,
  type ScriptRunsSummary,
  type ScriptSummaryRow,
  summarizeScriptRuns,
} from "./summary.js";
