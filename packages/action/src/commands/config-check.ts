import type { Command } from "../command.js";

export const configCheckCommand: Command = {
  name: ["config", "check"],
  usage: "notion-ops config check [--config <file>]",
  summary: "validate notion-ops.yml and report every problem (exit 2 on any)",
  options: {},
  async run(context) {
    const { config, file } = await context.loadConfig();
    const sources = Object.keys(config.sources).filter(
      (name) => (config.sources as Record<string, unknown>)[name],
    );
    context.logger.info(
      `${file} is valid: ${config.sites.length} site(s), sources: ${sources.length > 0 ? sources.join(", ") : "none"}`,
    );
    return { exitCode: 0, result: { file, valid: true, sites: config.sites.length, sources } };
  },
};
