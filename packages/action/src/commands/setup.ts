import {
  ConfigError,
  type DatabaseRef,
  type NotionOpsConfig,
  NotionOpsError,
  parsePageReference,
  runSetup,
  type SetupResult,
  saveConfigText,
  setNotionIds,
  setupTables,
  UsageError,
} from "@notion-ops/core";
import type { Command, CommandContext } from "../command.js";
import { notionClientFor } from "../notion-client-for.js";

export const setupCommand: Command = {
  name: ["setup"],
  usage: "notion-ops setup [--parent-page <page id or URL>] [--dry-run] [--config <file>]",
  summary:
    "create the seven databases and their views under a page (or find the ones made before) and write their ids into the config",
  options: {
    "parent-page": { type: "string" },
    "dry-run": { type: "boolean" },
  },
  async run(context) {
    const flag =
      typeof context.values["parent-page"] === "string" ? context.values["parent-page"] : undefined;
    const dryRun = context.values["dry-run"] === true;
    const { config, file, text } = await readConfig(context, flag !== undefined);
    const parent = flag ?? config?.notion.parentPage;
    if (!parent) {
      throw new UsageError(
        "setup needs the Notion page to create the databases under: pass --parent-page <page id or URL>, or set notion.parentPage in the config. Share that page with your integration first (••• → Connections).",
      );
    }
    const parentPageId = parsePageReference(parent);
    if (!parentPageId) {
      throw new UsageError(
        `${flag !== undefined ? "--parent-page" : "notion.parentPage"} "${parent}" is not a Notion page id or page URL (the id is the 32 hex digits at the end of the page's URL).`,
      );
    }

    const client = notionClientFor(context);
    const result = await runSetup({
      client,
      parentPageId,
      configured: config?.notion.databases ?? {},
      dryRun,
      logger: context.logger,
    });

    const written = dryRun
      ? { updated: false }
      : await writeIds(context, file, text, result, flag !== undefined);
    const failedViews = result.views.filter((v) => v.status === "failed").length;
    const exitCode = failedViews > 0 || written.error ? 1 : 0;
    return {
      exitCode,
      result: {
        command: "setup",
        dryRun,
        parentPage: result.parentPageId,
        created:
          result.databases.filter((d) => d.status === "created" || d.status === "recreated").length +
          result.views.filter((v) => v.status === "created").length,
        failed: failedViews,
        requests: client.metrics().requests,
        notion: client.metrics(),
        databases: result.databases,
        views: result.views,
        warnings: result.warnings,
        config: { file, updated: written.updated, ...(written.error ? { error: written.error } : {}) },
      },
      tables: setupTables(result),
    };
  },
};

interface ConfigText {
  config: NotionOpsConfig | undefined;
  file: string;
  text: string;
}

/** The config, or nothing yet when the file does not exist and the parent page was given: setup creates it. */
async function readConfig(context: CommandContext, haveParent: boolean): Promise<ConfigText> {
  try {
    return await context.loadConfig();
  } catch (error) {
    if (haveParent && ConfigError.is(error) && error.code === "config_missing") {
      context.logger.info(
        `${context.configPath} does not exist yet; setup will create it with the database ids.`,
      );
      return { config: undefined, file: context.configPath, text: "" };
    }
    throw error;
  }
}

async function writeIds(
  context: CommandContext,
  file: string,
  text: string,
  result: SetupResult,
  parentFromFlag: boolean,
): Promise<{ updated: boolean; error?: string }> {
  try {
    const next = setNotionIds(
      text,
      { databases: result.refs, ...(parentFromFlag ? { parentPage: result.parentPageId } : {}) },
      file,
    );
    if (next === text) return { updated: false };
    await saveConfigText(context.configPath, next);
    context.logger.info(`Wrote the database ids into ${file}.`);
    return { updated: true };
  } catch (error) {
    const message = NotionOpsError.is(error) ? error.message : (error as Error).message;
    context.logger.error(`Could not update ${file}: ${message}`);
    context.logger.info(`Add this under notion: in ${file} yourself:\n${snippet(result.refs)}`);
    return { updated: false, error: message };
  }
}

function snippet(refs: SetupResult["refs"]): string {
  const lines = Object.entries(refs).map(
    ([key, ref]) =>
      `    ${key}: { databaseId: "${(ref as DatabaseRef).databaseId}", dataSourceId: "${(ref as DatabaseRef).dataSourceId}" }`,
  );
  return ["  databases:", ...lines].join("\n");
}
