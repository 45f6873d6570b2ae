const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one argument for a POSIX shell, for humans to copy; the runner itself never uses a shell. */
export function quoteShellArgument(argument: string): string {
  if (argument === "") return "''";
  if (SAFE.test(argument)) return argument;
  return `'${argument.replaceAll("'", `'\\''`)}'`;
}

export function formatCommandLine(argv: readonly string[]): string {
  return argv.map(quoteShellArgument).join(" ");
}
