import { doctorTable, runDoctor } from "@notion-ops/core";
import type { Command } from "../command.js";
import { notionClientFor } from "../notion-client-for.js";

export const doctorCommand: Command = {
  name: ["doctor"],
  usage: "notion-ops doctor [--repair] [--config <file>]",
  summary:
    "check the token, access to each database, schema drift and views (exit 1 on a problem); --repair adds what is missing, never deletes",
  options: {
    repair: { type: "boolean" },
  },
  async run(context) {
    const { config } = await context.loadConfig();
    const client = notionClientFor(context);
    const result = await runDoctor({
      client,
      configured: config.notion.databases,
      repair: context.values.repair === true,
      logger: context.logger,
    });
    return {
      exitCode: result.ok ? 0 : 1,
      result: {
        command: "doctor",
        repair: result.repair,
        problems: result.counts.problem,
        repaired: result.counts.repaired,
        failed: result.counts.problem,
        requests: client.metrics().requests,
        notion: client.metrics(),
        counts: result.counts,
        checks: result.checks,
      },
      tables: [doctorTable(result)],
    };
  },
};
