import type { ScriptInterpreterName } from "./interpreter.js";

export const SCRIPT_ERROR_CLASSES = [
  "timeout",
  "permission",
  "missing",
  "network",
  "auth",
  "syntax",
  "unknown",
] as const;
export type ScriptErrorClass = (typeof SCRIPT_ERROR_CLASSES)[number];

export const SCRIPT_ERROR_CLASS_LABELS: Record<ScriptErrorClass, string> = {
  timeout: "timeout",
  permission: "permission",
  missing: "missing file or module",
  network: "network",
  auth: "auth",
  syntax: "syntax",
  unknown: "unknown",
};

export interface ScriptFailureInput {
  timedOut: boolean;
  exitCode: number | null;
  /** The captured (masked) output. */
  output: string;
  /** For the next steps. */
  script?: string;
  interpreter?: ScriptInterpreterName;
  timeoutSeconds?: number;
}

export interface ScriptFailureClassification {
  errorClass: ScriptErrorClass;
  label: string;
  /** The output line that decided the class, when one did. */
  evidence?: string;
  nextSteps: string[];
}

/** Checked in this order; the first class with a matching line wins. */
const TEXT_PATTERNS: ReadonlyArray<readonly [ScriptErrorClass, RegExp]> = [
  [
    "syntax",
    /SyntaxError|syntax error|ParserError|IndentationError|TabError|unexpected EOF|Unexpected token|Unexpected end of input/i,
  ],
  [
    "missing",
    /ENOENT|No such file or directory|command not found|Cannot find module|ERR_MODULE_NOT_FOUND|ModuleNotFoundError|No module named|FileNotFoundError|is not recognized as (?:the name of )?a cmdlet/i,
  ],
  [
    "permission",
    /EACCES|EPERM\b|Permission denied|Operation not permitted|PermissionError|UnauthorizedAccessException/i,
  ],
  [
    "auth",
    /\bUnauthori[sz]ed\b|authentication failed|\bForbidden\b|bad credentials|invalid[_ ](?:token|credentials|grant|api[_ ]?key)|\b(?:HTTP(?:\/\d(?:\.\d)?)?|status(?: code)?|response code|returned error)\W{0,3}40[13]\b/i,
  ],
  [
    "network",
    /ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|Could not resolve host|Connection refused|Connection timed out|Connection reset|Network is unreachable|Name or service not known|Temporary failure in name resolution|getaddrinfo|socket hang up/i,
  ],
];

/** Recognises why a run failed from its exit code and output, with concrete next steps. */
export function classifyScriptFailure(input: ScriptFailureInput): ScriptFailureClassification {
  if (input.timedOut) return classification("timeout", input);
  if (input.exitCode === 126)
    return classification("permission", input, "exit code 126: found but not executable");
  if (input.exitCode === 127) return classification("missing", input, "exit code 127: command not found");
  const lines = input.output.split(/\r?\n/);
  for (const [errorClass, pattern] of TEXT_PATTERNS) {
    const line = lines.find((candidate) => pattern.test(candidate));
    if (line !== undefined) return classification(errorClass, input, shorten(line.trim()));
  }
  return classification("unknown", input);
}

function classification(
  errorClass: ScriptErrorClass,
  input: ScriptFailureInput,
  evidence?: string,
): ScriptFailureClassification {
  return {
    errorClass,
    label: SCRIPT_ERROR_CLASS_LABELS[errorClass],
    ...(evidence ? { evidence } : {}),
    nextSteps: nextSteps(errorClass, input),
  };
}

function nextSteps(errorClass: ScriptErrorClass, input: ScriptFailureInput): string[] {
  const script = input.script ?? "the script";
  switch (errorClass) {
    case "timeout":
      return [
        `The run was stopped at ${input.timeoutSeconds === undefined ? "its timeout" : `its ${input.timeoutSeconds} s timeout`} and its whole process group was killed.`,
        "Look at the last lines of the output: the step after the last one that printed is the one that hung (often a network call without its own timeout, or a prompt: stdin is closed).",
        `Run ${script} locally with \`time\` to see how long it really takes.`,
        "If the work is legitimately slow, raise `timeout:` for this entry in the manifest (e.g. `timeout: 20m`).",
      ];
    case "permission":
      return [
        "Check the owner and mode of the file or directory named in the output (`ls -l <path>`).",
        "Write only where the runner's user may: the checkout, $TMPDIR or $RUNNER_TEMP; scripts cannot answer a sudo prompt.",
        "Exit code 126 means a program the script calls is not executable: `chmod +x` it or call it through its interpreter.",
      ];
    case "missing":
      return [
        "Check that the file, command or module named in the output exists; paths are relative to the repository root, which is the working directory.",
        "Install missing tools or packages in an earlier workflow step (e.g. `npm ci`, `pip install -r requirements.txt`, `apt-get install …`).",
        "Only PATH, HOME, CI, LANG, TMPDIR and non-secret GITHUB_* variables are passed on: add any other variable the script needs to the entry's `env:` list.",
      ];
    case "network":
      return [
        "Check that the host named in the output resolves and is reachable from the runner (DNS name, port, firewall, self-hosted runner network).",
        "Re-run: transient network failures usually pass; if it persists, check the service's status page.",
        "Proxy variables (HTTPS_PROXY, NO_PROXY) are not passed on unless listed in the entry's `env:`.",
      ];
    case "auth":
      return [
        "Secrets reach a script only when the entry lists their names in `env:`; check the credential is listed and set in the workflow.",
        "Check the credential has not expired or been rotated and has the needed scope (401: not authenticated, 403: authenticated but not allowed).",
        "Update the repository or organisation secret, then re-run.",
      ];
    case "syntax":
      return [
        "Open the file and line named in the output and fix the syntax error.",
        `Check it locally without running it: ${checkCommand(input)}.`,
        "Check the interpreter version: .js/.mjs scripts run on notion-ops' own Node (24), .py on the runner's python3.",
      ];
    case "unknown":
      return [
        "Read the output tail for the first error message.",
        "Reproduce locally from the repository root with the command shown, and with the same environment variables.",
        "If the script exits non-zero on purpose (a check that found a problem), that is the finding: act on it, then re-run.",
      ];
  }
}

function checkCommand(input: ScriptFailureInput): string {
  const script = input.script ?? "<script>";
  switch (input.interpreter) {
    case "bash":
      return `\`bash -n ${script}\``;
    case "node":
      return `\`node --check ${script}\``;
    case "python3":
      return `\`python3 -m py_compile ${script}\``;
    case "pwsh":
      return "the PowerShell parser (`[System.Management.Automation.Language.Parser]::ParseFile`)";
    default:
      return "`bash -n`, `node --check` or `python3 -m py_compile`";
  }
}

function shorten(line: string): string {
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
