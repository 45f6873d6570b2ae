import type { LogLevel, LogLocation, LogSink } from "./logger.js";

export interface CliSinkOptions {
  verbose?: boolean;
  /** Where human lines go; stdout is kept for `--json` results. */
  stream?: { write(chunk: string): unknown };
}

const PREFIX: Record<LogLevel, string> = {
  debug: "debug: ",
  info: "",
  notice: "notice: ",
  warn: "warning: ",
  error: "error: ",
};

/** Human lines on stderr; debug lines only with --verbose; groups shown as indented sections. */
export function createCliSink(options: CliSinkOptions = {}): LogSink {
  const stream = options.stream ?? process.stderr;
  let depth = 0;
  return {
    write(level, message, location) {
      if (level === "debug" && !options.verbose) return;
      const where = location?.file ? `${formatLocation(location)}: ` : "";
      const indent = "  ".repeat(depth);
      const lines = `${PREFIX[level]}${where}${message}`.split("\n");
      stream.write(`${lines.map((l) => indent + l).join("\n")}\n`);
    },
    startGroup(name) {
      stream.write(`${"  ".repeat(depth)}▸ ${name}\n`);
      depth++;
    },
    endGroup() {
      depth = Math.max(0, depth - 1);
    },
  };
}

function formatLocation(location: LogLocation): string {
  if (location.line === undefined) return location.file ?? "";
  return `${location.file}:${location.line}:${location.column ?? 1}`;
}
