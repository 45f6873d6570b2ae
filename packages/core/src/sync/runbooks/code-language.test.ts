import { describe, expect, it } from "vitest";
import { codeLanguage } from "./code-language.js";

describe("codeLanguage", () => {
  it("keeps names Notion knows and maps common aliases", () => {
    expect(["bash", "Python", "c#", "vb.net", "plain text"].map(codeLanguage)).toEqual([
      "bash",
      "python",
      "c#",
      "vb.net",
      "plain text",
    ]);
    expect(
      ["sh", "ps1", "yml", "ts", "tf", "dockerfile", "cpp", "golang", "console"].map(codeLanguage),
    ).toEqual(["shell", "powershell", "yaml", "typescript", "hcl", "docker", "c++", "go", "shell"]);
  });

  it("reads only the first word of the info string, including {.lang} forms", () => {
    expect(codeLanguage('json title="x.json"')).toBe("json");
    expect(codeLanguage("{.python}")).toBe("python");
  });

  it("falls back to plain text for unknown or missing languages", () => {
    expect(codeLanguage("cobol")).toBe("plain text");
    expect(codeLanguage("")).toBe("plain text");
    expect(codeLanguage(undefined)).toBe("plain text");
  });
});
