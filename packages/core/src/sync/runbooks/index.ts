export { type ChunkLimits, chunkBlocks } from "./block-chunks.js";
export { BODY_LIMITS, NOTION_BLOCK_LIMITS } from "./block-node.js";
export { type CodeLanguage, codeLanguage } from "./code-language.js";
export {
  type FrontMatter,
  type FrontMatterProblem,
  type FrontMatterResult,
  parseFrontMatter,
} from "./front-matter.js";
export {
  type MarkdownConversion,
  type MarkdownToBlocksOptions,
  markdownToBlocks,
} from "./markdown-to-blocks.js";
export { type RewriteRunbookArgs, rewriteRunbook, runbookWriteCost } from "./rewrite-body.js";
export {
  contentHash,
  type ParsedRunbook,
  parseRunbook,
  type Runbook,
  type RunbookProblem,
} from "./runbook.js";
export {
  DEFAULT_MAX_RUNBOOK_BYTES,
  isRunbookError,
  type ReadRunbooksOptions,
  type RunbookFile,
  readRunbooks,
} from "./runbook-files.js";
export {
  RUNBOOK_PROPERTIES,
  type RunbookRecords,
  type RunbookRecordsOptions,
  runbookRecords,
} from "./runbook-records.js";
export { createRunbookSync, needsBodyRewrite, type RunbookSyncOptions } from "./runbook-sync.js";
