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
          return actions.info(message);
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
