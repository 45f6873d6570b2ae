import * as core from "@actions/core";
import type { Logger } from "@notion-ops/core";
import { renderMarkdownTable, type Table } from "./text-table.js";

const COUNT_OUTPUTS = ["created", "updated", "unchanged", "failed", "requests"] as const;

/** The Action's outputs (`result` plus the counts) and its job summary, all masked. */
export async function writeActionOutputs(options: {
  title: string;
  result: Record<string, unknown>;
  tables: readonly Table[];
  logger: Logger;
}): Promise<void> {
  const json = options.logger.mask(JSON.stringify(options.result));
  core.setOutput("result", json);
  for (const name of COUNT_OUTPUTS) {
    const value = options.result[name];
    core.setOutput(name, typeof value === "number" ? String(value) : "0");
  }
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const markdown = [`## ${options.title}`, "", ...options.tables.map(renderMarkdownTable)].join("\n");
  await core.summary.addRaw(options.logger.mask(markdown), true).write();
}
