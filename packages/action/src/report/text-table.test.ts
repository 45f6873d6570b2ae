import { describe, expect, it } from "vitest";
import { cellText, renderMarkdownTable, renderTextTable } from "./text-table.js";

const table = (cell: string) => ({ title: "Sites", columns: ["Site", "Score"], rows: [[cell, 95]] });

describe("tables over hostile values", () => {
  it("keep each row on one line and cut long cells", () => {
    const text = renderTextTable(table(`a\r\nb\u001b[2J${"x".repeat(1_000_000)}`));
    const lines = text.split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[3]!.startsWith("a b [2Jxxx")).toBe(true);
    expect(lines[3]!.length).toBeLessThan(220);
    expect(cellText("y".repeat(300), 200)).toHaveLength(200);
  });

  it("show Markdown, HTML and cell breaks in the job summary as text", () => {
    const markdown = renderMarkdownTable(
      table("<img src=x onerror=alert(1)> [x](https://evil.example) a|b c\\|d"),
    );
    expect(markdown).toContain(
      "| &lt;img src=x onerror=alert(1)&gt; [x]\\(https://evil.example) a\\|b c\\\\\\|d | 95 |",
    );
  });
});
