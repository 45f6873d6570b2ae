import type { LogLevel, LogLocation, LogSink } from "./logger.js";

export interface LoggedLine {
  level: LogLevel;
  message: string;
  location?: LogLocation;
  group: string[];
}

/** Keeps every line in memory: for tests, and for embedding a run's log in a Notion page. */
export function createMemorySink(): LogSink & { lines: LoggedLine[]; text(): string } {
  const lines: LoggedLine[] = [];
  const groups: string[] = [];
  return {
    lines,
    write(level, message, location) {
      lines.push({ level, message, ...(location ? { location } : {}), group: [...groups] });
    },
    startGroup: (name) => void groups.push(name),
    endGroup: () => void groups.pop(),
    text: () => lines.map((l) => `${l.level}: ${l.message}`).join("\n"),
  };
}

/** Sends every line to several sinks (e.g. the CLI and a memory copy for the run summary). */
export function teeSinks(...sinks: LogSink[]): LogSink {
  return {
    write(level, message, location) {
      for (const sink of sinks) sink.write(level, message, location);
    },
    startGroup(name) {
      for (const sink of sinks) sink.startGroup(name);
    },
    endGroup() {
      for (const sink of sinks) sink.endGroup();
    },
    registerSecret(value) {
      for (const sink of sinks) sink.registerSecret?.(value);
    },
  };
}
