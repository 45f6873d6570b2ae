import { randomUUID } from "node:crypto";
import * as core from "@actions/core";
import type { LogSink } from "./logger.js";

type ActionsCore = Pick<
  typeof core,
  "debug" | "info" | "notice" | "warning" | "error" | "startGroup" | "endGroup" | "setSecret"
>;

/** GitHub Actions: workflow commands for groups, annotations (with file/line) and secret masks. */
export function createActionsSink(actions: ActionsCore = core): LogSink {
  return {
    write(level, message, location) {
      const props = location
        ? {
            file: location.file,
            startLine: location.line,
            startColumn: location.column,
            title: location.title,
          }
        : undefined;
      switch (level) {
        case "debug":
          return actions.debug(message);
        case "info":
          return info(actions, message);
        case "notice":
          return actions.notice(message, props);
        case "warn":
          return actions.warning(message, props);
        case "error":
          return actions.error(message, props);
      }
    },
    startGroup: (name) => actions.startGroup(name),
    endGroup: () => actions.endGroup(),
    registerSecret: (value) => actions.setSecret(value),
  };
}

/** A line the runner would execute as a workflow command: `::name …::` or the legacy `##[name]`. */
const COMMAND_LIKE = /^\s*::|##\[/m;

/**
 * Info lines are written as they are (annotations and debug lines are escaped by @actions/core),
 * so text that quotes vendor data could forge `::error::`, `::add-mask::` or `::stop-commands::`.
 * Such text is wrapped in stop-commands with a one-time token, as GitHub documents.
 */
function info(actions: Pick<ActionsCore, "info">, message: string): void {
  if (!COMMAND_LIKE.test(message)) {
    actions.info(message);
    return;
  }
  const token = randomUUID();
  actions.info(`::stop-commands::${token}`);
  actions.info(message);
  actions.info(`::${token}::`);
}
