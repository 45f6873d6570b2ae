import { logManualChange, UsageError } from "@notion-ops/core";
import type { Command } from "../command.js";
import { notionClientFor } from "../notion-client-for.js";

export const logChangeCommand: Command = {
  name: ["log-change"],
  usage: "notion-ops log-change --site <key> --tool <tool> --action <text> [--engineer <name>]",
  summary: "log one manual configuration change into Config Changes",
  options: {
    site: { type: "string" },
    tool: { type: "string" },
    action: { type: "string" },
    engineer: { type: "string" },
  },
  async run(context) {
    const value = (name: string) => {
      const v = context.values[name];
      if (typeof v !== "string" || v.trim() === "") throw new UsageError(`log-change needs --${name}`);
      return v;
    };
    const change = {
      site: value("site"),
      tool: value("tool"),
      action: value("action"),
      ...(typeof context.values.engineer === "string" ? { engineer: context.values.engineer } : {}),
    };
    const { config } = await context.loadConfig();
    const client = notionClientFor(context);
    const { entry, written } = await logManualChange({
      config,
      client,
      change,
      env: context.env,
      now: new Date(),
      logger: context.logger,
    });
    const created = written.changes.created;
    context.logger.info(
      created
        ? `logged ${entry.changeId} for ${entry.siteKey}`
        : `${entry.changeId} was already logged; nothing written`,
    );
    const failed = written.changes.failed.length + written.baselinesReset.failed.length;
    return {
      exitCode: failed > 0 ? 1 : 0,
      result: {
        command: "log-change",
        changeId: entry.changeId,
        created,
        updated: written.baselinesReset.updated,
        unchanged: written.changes.unchanged,
        failed,
        requests: client.metrics().requests,
        notion: client.metrics(),
        failures: [...written.changes.failed, ...written.baselinesReset.failed],
      },
    };
  },
};
