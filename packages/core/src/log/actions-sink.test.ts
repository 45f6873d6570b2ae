import { describe, expect, it } from "vitest";
import { createActionsSink } from "./actions-sink.js";

function recordingCore() {
  const lines: string[] = [];
  const push = (prefix: string) => (message: string | Error) =>
    void lines.push(`${prefix}${String(message)}`);

  return {
    lines,
    core: {
      debug: push("debug:"),
      info: push(""),
      notice: push("notice:"),
      warning: push("warning:"),
      error: push("error:"),
      startGroup: push("group:"),
      endGroup: () => void lines.push("endgroup"),
      setSecret: push("secret:"),
    },
  };
}

describe("createActionsSink info lines", () => {
  it("writes ordinary text as it is", () => {
    const { lines, core } = recordingCore();
    createActionsSink(core).write("info", "Site health\nAcme Corp  95");
    expect(lines).toEqual(["Site health\nAcme Corp  95"]);
  });

  it("fences text that the runner would read as a workflow command in stop-commands", () => {
    for (const hostile of ["Sites\n::error title=x::forged", "  ::add-mask::abc", "row ##[error]legacy"]) {
      const { lines, core } = recordingCore();
      createActionsSink(core).write("info", hostile);
      expect(lines).toHaveLength(3);
      const token = /^::stop-commands::([0-9a-f-]{36})$/.exec(lines[0]!)?.[1];
      expect(token).toBeDefined();
      expect(lines[1]).toBe(hostile);
      expect(lines[2]).toBe(`::${token}::`);
      expect(hostile).not.toContain(token);
    }
  });
});
