import { describe, expect, it } from "vitest";
import { classifyScriptFailure, type ScriptErrorClass } from "./error-classifier.js";

const failed = (output: string, exitCode: number | null = 1) =>
  classifyScriptFailure({ timedOut: false, exitCode, output });

describe("script failure classification", () => {
  const cases: Array<[string, ScriptErrorClass, number | null]> = [
    ["bash: /opt/tool: Permission denied", "permission", 1],
    ["Error: EACCES: permission denied, open '/etc/shadow'", "permission", 1],
    ["PermissionError: [Errno 13] Permission denied: '/root/x'", "permission", 1],
    ["", "permission", 126],
    ["", "missing", 127],
    ["scripts/a.sh: line 3: jq: command not found", "missing", 127],
    ["Error: Cannot find module 'left-pad'", "missing", 1],
    ["ModuleNotFoundError: No module named 'requests'", "missing", 1],
    ["cat: /data/report.csv: No such file or directory", "missing", 1],
    ["Error: ENOENT: no such file or directory, open 'x.json'", "missing", 1],
    ["curl: (7) Failed to connect to db port 5432: Connection refused", "network", 7],
    ["Error: getaddrinfo ENOTFOUND api.example.com", "network", 1],
    ["curl: (6) Could not resolve host: api.example.com", "network", 6],
    ["Error: connect ETIMEDOUT 10.0.0.1:443", "network", 1],
    ["curl: (22) The requested URL returned error: 401", "auth", 22],
    ["HTTP/1.1 403 Forbidden", "auth", 1],
    ["Error: request failed with status code 401", "auth", 1],
    ["fatal: Authentication failed for 'https://github.com/x'", "auth", 128],
    ['{"message":"Unauthorized"}', "auth", 1],
    ["SyntaxError: Unexpected token '}'", "syntax", 1],
    ["scripts/a.sh: line 9: syntax error near unexpected token `fi'", "syntax", 2],
    ['  File "a.py", line 2\nIndentationError: unexpected indent', "syntax", 1],
    ["check failed: 3 certificates expire within 14 days", "unknown", 1],
    ["Exception on line 403 of the report", "unknown", 1],
  ];
  for (const [output, expected, exitCode] of cases) {
    it(`${JSON.stringify(output)} (exit ${exitCode}) → ${expected}`, () => {
      const result = failed(output, exitCode);
      expect(result.errorClass).toBe(expected);
      expect(result.nextSteps.length).toBeGreaterThanOrEqual(2);
    });
  }

  it("classifies a timeout first, whatever the output says, and names the limit", () => {
    const result = classifyScriptFailure({
      timedOut: true,
      exitCode: null,
      output: "Permission denied",
      timeoutSeconds: 90,
    });
    expect(result.errorClass).toBe("timeout");
    expect(result.nextSteps[0]).toContain("its 90 s timeout");
    expect(result.nextSteps.join(" ")).toContain("timeout:");
  });

  it("keeps the deciding line as evidence and tailors the syntax check to the interpreter", () => {
    const result = classifyScriptFailure({
      timedOut: false,
      exitCode: 1,
      output: "starting\n/repo/scripts/a.mjs:3\nSyntaxError: Unexpected identifier 'x'\n    at compile",
      script: "scripts/a.mjs",
      interpreter: "node",
    });
    expect(result).toMatchObject({
      errorClass: "syntax",
      label: "syntax",
      evidence: "SyntaxError: Unexpected identifier 'x'",
    });
    expect(result.nextSteps).toContain("Check it locally without running it: `node --check scripts/a.mjs`.");
  });

  it("labels the missing class for people", () => {
    expect(failed("", 127).label).toBe("missing file or module");
  });
});
