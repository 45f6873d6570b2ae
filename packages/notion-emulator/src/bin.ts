#!/usr/bin/env node
import { CliUsageError, parseCliArgs, USAGE } from "./cli-args.js";
import { startNotionEmulator } from "./emulator.js";

async function main(): Promise<void> {
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliUsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const emulator = await startNotionEmulator({
    port: options.port,
    host: options.host,
    token: options.token,
    anyToken: options.anyToken,
    rateLimit: options.rateLimit,
    burst: options.burst,
    stateFile: options.stateFile,
    plan: options.plan,
    seed: options.seed,
  });
  process.stdout.write(`Notion emulator listening on ${emulator.url} (Notion-Version 2025-09-03)\n`);
  if (options.parentPage !== undefined) {
    const title = options.parentPage;
    const id = emulator.findParentPage(title) ?? emulator.createParentPage(title);
    process.stdout.write(`Parent page "${title}": ${id}\n`);
  }
  const shutdown = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(
          `Failed to stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`notion-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
