/**
 * Forbidden-content rules (SPEC §7): patterns a maintenance script must not contain unless its
 * manifest entry allows the rule by id. This is a seatbelt against mistakes and copy-pasted
 * one-liners, not a sandbox: a script that wants to hide a command can always do so.
 *
 * Everything is scanned, comments included. Command words only count in command position (at the
 * start of a line or after `;`, `&`, `|`, `(`, `{`, `$(`, a backtick, a quote or `[`, optionally
 * behind `sudo`, `exec`, `env`, `then`, `do`, … and variable assignments), so prose such as
 * `# reboot the router afterwards` or `echo "please reboot"` does not match, while
 * `execSync("reboot")` or `["shutdown", "-h", "now"]` does. A comment that contains a command in
 * command position (`#;reboot`) blocks: reword it or allow the rule.
 * Lines joined with a trailing backslash are scanned as one line.
 */
export const FORBIDDEN_RULE_IDS = [
  "recursive-delete-root",
  "disk-device-write",
  "mkfs",
  "fork-bomb",
  "pipe-to-shell",
  "chmod-777-root",
  "shutdown-reboot",
] as const;

export type ForbiddenRuleId = (typeof FORBIDDEN_RULE_IDS)[number];

export interface ForbiddenRule {
  id: ForbiddenRuleId;
  description: string;
  /** Character offsets in `text` where the rule matches. */
  find(text: string): number[];
}

export interface ForbiddenMatch {
  ruleId: ForbiddenRuleId;
  description: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** The offending line, trimmed and shortened. */
  excerpt: string;
}

const WRAPPER = "(?:sudo|doas|exec|nohup|command|builtin|env|xargs|nice|time|then|do|else|eval|!)";
const WRAPPER_OPTION = String.raw`[ \t]+-[\w=-]+(?:[ \t]+[\w.-]+)?`;
const ASSIGNMENT = String.raw`[A-Za-z_]\w*=\S*`;
/** What may stand before a command word: a command boundary, wrappers, assignments, a directory. */
const COMMAND_PREFIX = String.raw`(?:^|[;&|({\x60'"\[]|\$\()[ \t]*(?:(?:${WRAPPER}(?:${WRAPPER_OPTION})*|${ASSIGNMENT})[ \t]+)*(?:[\w.-]*\/)*`;
/** What may follow a command word. */
const COMMAND_END = String.raw`(?=[ \t]|$|[;&|)"'\x60\]}])`;
const COMMAND_TERMINATOR = /[;&|\n)\x60\]]/;

/** A command word in command position; the match starts at the word. */
function command(word: string, flags = "gm"): RegExp {
  return new RegExp(`(?:${word})(?<=${COMMAND_PREFIX}(?:${word}))${COMMAND_END}`, flags);
}

function offsets(text: string, ...patterns: RegExp[]): number[] {
  const found: number[] = [];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) found.push(match.index);
  }
  return found;
}

/** The words after a command up to the end of that command, unquoted. */
function argumentsAfter(text: string, from: number): string[] {
  const rest = text.slice(from);
  const end = rest.search(COMMAND_TERMINATOR);
  return (end === -1 ? rest : rest.slice(0, end))
    .split(/[ \t]+/)
    .map((token) => token.replace(/["']/g, "").replace(/^[,[]+|[,\]]+$/g, ""))
    .filter((token) => token.length > 0);
}

/** Offsets of `word` commands whose arguments satisfy `dangerous`. */
function commandsWithArguments(text: string, word: RegExp, dangerous: (args: string[]) => boolean): number[] {
  const found: number[] = [];
  for (const match of text.matchAll(word)) {
    if (dangerous(argumentsAfter(text, match.index + match[0].length))) found.push(match.index);
  }
  return found;
}

const ROOT_OR_HOME = /^(?:\/+\.?\*?|~\/*\*?|\$\{?HOME\}?\/*\*?)$/;
const WINDOWS_ROOT_OR_HOME =
  /^(?:[/\\]+\*?|~[/\\]*\*?|[a-z]:[/\\]*\*?|\$home[/\\]*\*?|\$env:(?:userprofile|homedrive|systemdrive)[/\\]*\*?)$/i;

function isRecursiveRm(args: string[]): boolean {
  let recursive = false;
  let target = false;
  let optionsEnded = false;
  for (const arg of args) {
    if (!optionsEnded && arg === "--no-preserve-root") return true;
    if (!optionsEnded && arg === "--") optionsEnded = true;
    else if (!optionsEnded && arg === "--recursive") recursive = true;
    else if (!optionsEnded && /^-[a-zA-Z]+$/.test(arg)) recursive ||= /[rR]/.test(arg);
    else if (ROOT_OR_HOME.test(arg)) target = true;
  }
  return recursive && target;
}

function isRecursiveRemoveItem(args: string[]): boolean {
  const recursive = args.some((arg) => /^(?:-r(?:e(?:c(?:u(?:r(?:s(?:e)?)?)?)?)?)?|\/s)$/i.test(arg));
  return recursive && args.some((arg) => WINDOWS_ROOT_OR_HOME.test(arg));
}

function isWorldWritableRoot(args: string[]): boolean {
  const recursive = args.some((arg) => arg === "--recursive" || /^-[a-zA-Z]*R[a-zA-Z]*$/.test(arg));
  const mode = args.some((arg) => /^(?:0{0,2}777|(?:a|[ugo]{3})?[+=]rwx)$/.test(arg));
  const root = args.some((arg) => /^\/+\.?\*?$/.test(arg));
  return recursive && mode && root;
}

const DISK_DEVICE = String.raw`\/dev\/(?:sd[a-z]|hd[a-z]|vd[a-z]|xvd[a-z]|nvme\d+n\d+|mmcblk\d+|disk\d+)\w*`;
const DOWNLOADER = String.raw`\b(?:curl|wget)\b`;
const SHELL = String.raw`(?:[\w./-]*\/)?(?:ba|da|z|k|a)?sh(?![\w.-])`;
const SHELL_WRAPPERS = String.raw`(?:(?:sudo|doas|env|exec)(?:[ \t]+-\S+)*[ \t]+)*`;
const PS_DOWNLOAD = "(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod|curl|wget)";
const PS_WEBCLIENT = String.raw`New-Object[ \t]+(?:System\.)?Net\.WebClient`;

export const FORBIDDEN_RULES: readonly ForbiddenRule[] = [
  {
    id: "recursive-delete-root",
    description: "Recursive delete of / or the home directory (rm -rf /, rm -rf ~, --no-preserve-root)",
    find: (text) => [
      ...commandsWithArguments(text, command("rm"), isRecursiveRm),
      ...commandsWithArguments(text, command("Remove-Item|rmdir|rd", "gmi"), isRecursiveRemoveItem),
      ...offsets(
        text,
        /\brmtree\(\s*(?:(["'])(?:\/|~\/?)\1|os\.path\.expanduser\(\s*(["'])~\/?\2\s*\)|Path\.home\(\))\s*[,)]/g,
        /\brm(?:Sync)?\(\s*(?:(["'\x60])(?:\/|~\/?)\1|os\.homedir\(\))\s*,[^)]*recursive\s*:\s*true/g,
      ),
    ],
  },
  {
    id: "disk-device-write",
    description: "Raw write to a disk device such as /dev/sda (dd of=/dev/sd*, > /dev/sd*, tee, shred)",
    find: (text) =>
      offsets(
        text,
        new RegExp(String.raw`\bof=["']?${DISK_DEVICE}`, "g"),
        new RegExp(String.raw`>{1,2}\|?[ \t]*["']?${DISK_DEVICE}`, "g"),
        new RegExp(
          String.raw`(?:tee|shred|blkdiscard)(?<=${COMMAND_PREFIX}(?:tee|shred|blkdiscard))[ \t][^\n;&|]*?["']?${DISK_DEVICE}`,
          "gm",
        ),
        new RegExp(
          String.raw`wipefs(?<=${COMMAND_PREFIX}wipefs)[^\n;&|]*(?:-a|--all)\b[^\n;&|]*${DISK_DEVICE}`,
          "gm",
        ),
        new RegExp(String.raw`\bopen\(\s*["']${DISK_DEVICE}["']\s*,\s*["'][rb]*[wa+]`, "g"),
      ),
  },
  {
    id: "mkfs",
    description: "Creating a filesystem (mkfs, mkfs.*, mke2fs, Format-Volume), which erases the device",
    find: (text) =>
      offsets(
        text,
        command(String.raw`mkfs(?:\.\w+)?|mke2fs|mkntfs|mkdosfs`),
        /(?<![\w-])(?:Format-Volume|Clear-Disk)\b/gi,
      ),
  },
  {
    id: "fork-bomb",
    description: "Fork bomb (:(){ :|:& };: and variants)",
    find: (text) =>
      offsets(
        text,
        /(?<![\w:.-])([\w:.-]+)\s*\(\s*\)\s*\{\s*\1\s*[|&]\s*\1\s*&/g,
        /\bfunction\s+([\w:.-]+)\s*(?:\(\s*\))?\s*\{\s*\1\s*[|&]\s*\1\s*&/g,
        /\bfork\s+while\s+fork\b/g,
        /\bwhile\s*\(?\s*(?:True|true|1)\s*\)?\s*[:{]?\s*os\.fork\(\)/g,
      ),
  },
  {
    id: "pipe-to-shell",
    description:
      "Downloaded code piped into a shell (curl … | sh, wget … | bash, bash <(curl …), iwr … | iex)",
    find: (text) =>
      offsets(
        text,
        new RegExp(
          String.raw`${DOWNLOADER}[^\n;&|]*(?:\|(?!\|)[^\n;&|]*)*?\|(?!\|)[ \t]*${SHELL_WRAPPERS}${SHELL}`,
          "g",
        ),
        new RegExp(
          String.raw`(?<![\w.-])(?:ba|da|z|k)?sh[ \t]+(?:-\w+[ \t]+)*["']?(?:<\(|\$\()[ \t]*${DOWNLOADER}`,
          "g",
        ),
        new RegExp(String.raw`(?<![\w.-])(?:source|\.)[ \t]+<\([ \t]*${DOWNLOADER}`, "g"),
        new RegExp(String.raw`\b${PS_DOWNLOAD}\b[^\n;]*\|[ \t]*(?:iex|Invoke-Expression)\b`, "gi"),
        new RegExp(
          String.raw`\b(?:iex|Invoke-Expression)\b[ \t]*(?:\([ \t]*)*(?:${PS_DOWNLOAD}\b|${PS_WEBCLIENT})`,
          "gi",
        ),
      ),
  },
  {
    id: "chmod-777-root",
    description: "Recursively making / world-writable (chmod -R 777 /)",
    find: (text) => commandsWithArguments(text, command("chmod"), isWorldWritableRoot),
  },
  {
    id: "shutdown-reboot",
    description: "Shutting down or rebooting the machine (shutdown, reboot, halt, poweroff, init 0/6)",
    find: (text) =>
      offsets(
        text,
        command("reboot|poweroff|halt"),
        new RegExp(
          String.raw`shutdown(?<=${COMMAND_PREFIX}shutdown)(?=[ \t]*(?:$|[;&|)\x60])|[ \t]+(?:-{1,2}\w+|now|\+?\d+|\d{1,2}:\d{2}|\/[srpht]\b)|["'][ \t]*,[ \t]*["'](?:-{1,2}\w+|now|\+?\d+|\/[srp]\b))`,
          "gm",
        ),
        new RegExp(
          String.raw`systemctl(?<=${COMMAND_PREFIX}systemctl)[ \t]+(?:-\S+[ \t]+)*(?:reboot|poweroff|halt|kexec)${COMMAND_END}`,
          "gm",
        ),
        new RegExp(String.raw`(?:tel)?init(?<=${COMMAND_PREFIX}(?:tel)?init)[ \t]+[06]${COMMAND_END}`, "gm"),
        /(?<![\w-])(?:Restart|Stop)-Computer\b/gi,
      ),
  },
];

const RULES_BY_ID = new Map(FORBIDDEN_RULES.map((rule) => [rule.id, rule]));

export function isForbiddenRuleId(id: string): id is ForbiddenRuleId {
  return RULES_BY_ID.has(id as ForbiddenRuleId);
}

/** Every rule match in `content`, at most one per rule and line, in line order. */
export function scanForbiddenContent(
  content: string,
  rules: readonly ForbiddenRule[] = FORBIDDEN_RULES,
): ForbiddenMatch[] {
  // Same length as `content`, so offsets still point at the original lines.
  const joined = content.replace(/\\\r?\n/g, (continuation) => " ".repeat(continuation.length));
  const lineStarts = [0];
  for (let i = 0; i < content.length; i++) if (content[i] === "\n") lineStarts.push(i + 1);

  const matches: ForbiddenMatch[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    for (const offset of rule.find(joined).sort((a, b) => a - b)) {
      const lineIndex = lastIndexAtOrBefore(lineStarts, offset);
      const key = `${rule.id}:${lineIndex}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const start = lineStarts[lineIndex]!;
      const end = content.indexOf("\n", start);
      const lineText = content.slice(start, end === -1 ? undefined : end).trim();
      matches.push({
        ruleId: rule.id,
        description: rule.description,
        line: lineIndex + 1,
        column: offset - start + 1,
        excerpt: lineText.length > 200 ? `${lineText.slice(0, 199)}…` : lineText,
      });
    }
  }
  return matches.sort((a, b) => a.line - b.line || a.column - b.column);
}

function lastIndexAtOrBefore(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (sorted[mid]! <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}
