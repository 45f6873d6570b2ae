import { SecretMasker } from "./secret-masker.js";

export type LogLevel = "debug" | "info" | "notice" | "warn" | "error";

/** Where a message points, e.g. a config error's file and position (an annotation in Actions). */
export interface LogLocation {
  file?: string;
  line?: number;
  column?: number;
  title?: string;
}

/** The output end of a logger: the CLI's stderr, GitHub Actions' workflow commands, or memory in tests. */
export interface LogSink {
  write(level: LogLevel, message: string, location?: LogLocation): void;
  startGroup(name: string): void;
  endGroup(): void;
  /** Called once per newly registered secret, already trimmed (Actions: `core.setSecret`). */
  registerSecret?(value: string): void;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  notice(message: string, location?: LogLocation): void;
  warn(message: string, location?: LogLocation): void;
  error(message: string, location?: LogLocation): void;
  /** Runs `fn` inside a collapsible group (Actions) or an indented section (CLI). */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Reports `done` of `total` for a long operation, at most about ten lines per operation. */
  progress(label: string, done: number, total: number): void;
  addSecret(value: string | undefined | null): void;
  /** Removes every registered secret from `text`. */
  mask(text: string): string;
}

export function createLogger(sink: LogSink, masker: SecretMasker = new SecretMasker()): Logger {
  const lastReported = new Map<string, number>();
  const emit = (level: LogLevel, message: string, location?: LogLocation) =>
    sink.write(level, printable(masker.mask(message)), location && maskLocation(location, masker));

  return {
    debug: (m) => emit("debug", m),
    info: (m) => emit("info", m),
    notice: (m, l) => emit("notice", m, l),
    warn: (m, l) => emit("warn", m, l),
    error: (m, l) => emit("error", m, l),
    async group(name, fn) {
      sink.startGroup(masker.mask(name));
      try {
        return await fn();
      } finally {
        sink.endGroup();
      }
    },
    progress(label, done, total) {
      const step = Math.max(1, Math.ceil(total / 10));
      const previous = lastReported.get(label) ?? -1;
      const crossedStep = Math.floor(done / step) > Math.floor(Math.max(previous, 0) / step) || previous < 0;
      if (done >= total || crossedStep) {
        lastReported.set(label, done);
        emit("info", `${label}: ${done}/${total}`);
      }
      if (done >= total) lastReported.delete(label);
    },
    addSecret(value) {
      if (masker.add(value) && value) sink.registerSecret?.(value.trim());
    },
    mask: (text) => masker.mask(text),
  };
}

function maskLocation(location: LogLocation, masker: SecretMasker): LogLocation {
  return location.title === undefined ? location : { ...location, title: masker.mask(location.title) };
}

/** The longest message written; longer ones (a vendor's megabyte-long name) are cut. */
export const MAX_MESSAGE_LENGTH = 100_000;

// Everything but line feed and tab: NUL, bell, backspace, CR (which overwrites a line), ESC
// (terminal escape sequences) and the C1 controls.
const UNPRINTABLE = /\r\n|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** A message as it may reach a terminal or a CI log: no control sequences, bounded length. */
function printable(message: string): string {
  const clean = message.replace(UNPRINTABLE, (c) => (c === "\r\n" ? "\n" : "\uFFFD")).toWellFormed();
  if (clean.length <= MAX_MESSAGE_LENGTH) return clean;
  return `${clean.slice(0, MAX_MESSAGE_LENGTH)}… (${clean.length - MAX_MESSAGE_LENGTH} more characters)`;
}
