import type { BlockObjectRequest } from "@notionhq/client";
import { describe, expect, it } from "vitest";
import { blockElements, jsonBytes } from "./block-node.js";
import { markdownToBlocks } from "./markdown-to-blocks.js";

const t = (content: string, extra: Record<string, unknown> = {}) => ({
  type: "text",
  text: { content },
  ...extra,
});
const link = (content: string, url: string) => ({ type: "text", text: { content, link: { url } } });
const blocks = (md: string, sourcePath?: string) =>
  markdownToBlocks(md, sourcePath === undefined ? {} : { sourcePath }).blocks;
interface Body {
  rich_text: { text: { content: string } }[];
  children?: BlockObjectRequest[];
  language?: string;
  cells?: { text: { content: string } }[][];
}
const body = (block: BlockObjectRequest) =>
  (block as unknown as Record<string, Body>)[block.type as string] as Body;
const richTextOf = (block: BlockObjectRequest): { text: { content: string } }[] => body(block).rich_text;

describe("markdownToBlocks: constructs", () => {
  it("maps headings 1-3 and deeper levels to heading_3", () => {
    expect(blocks("# One\n## Two\n### Three\n#### Four\n###### Six\nSetext\n---\n")).toEqual([
      { type: "heading_1", heading_1: { rich_text: [t("One")] } },
      { type: "heading_2", heading_2: { rich_text: [t("Two")] } },
      { type: "heading_3", heading_3: { rich_text: [t("Three")] } },
      { type: "heading_3", heading_3: { rich_text: [t("Four")] } },
      { type: "heading_3", heading_3: { rich_text: [t("Six")] } },
      { type: "heading_2", heading_2: { rich_text: [t("Setext")] } },
    ]);
  });

  it("maps inline styles to annotations and web links to text.link", () => {
    expect(
      blocks("Plain **bold** *it* ~~gone~~ `code` [site](https://example.com/a?b=1) ***both***"),
    ).toEqual([
      {
        type: "paragraph",
        paragraph: {
          rich_text: [
            t("Plain "),
            t("bold", { annotations: { bold: true } }),
            t(" "),
            t("it", { annotations: { italic: true } }),
            t(" "),
            t("gone", { annotations: { strikethrough: true } }),
            t(" "),
            t("code", { annotations: { code: true } }),
            t(" "),
            link("site", "https://example.com/a?b=1"),
            t(" "),
            t("both", { annotations: { bold: true, italic: true } }),
          ],
        },
      },
    ]);
  });

  it("keeps styles inside links and links bare URLs", () => {
    expect(blocks("[**Docs** `x`](https://d.example) and https://u.example/p")).toEqual([
      {
        type: "paragraph",
        paragraph: {
          rich_text: [
            {
              type: "text",
              text: { content: "Docs", link: { url: "https://d.example" } },
              annotations: { bold: true },
            },
            { type: "text", text: { content: " ", link: { url: "https://d.example" } } },
            {
              type: "text",
              text: { content: "x", link: { url: "https://d.example" } },
              annotations: { code: true },
            },
            t(" and "),
            link("https://u.example/p", "https://u.example/p"),
          ],
        },
      },
    ]);
  });

  it("joins soft line breaks with a space, keeps hard breaks, decodes entities and escapes", () => {
    expect(blocks("one\ntwo  \nthree\\\nfour &amp; &lt;tag&gt; &copy; &#x1F600; \\*literal\\*")).toEqual([
      { type: "paragraph", paragraph: { rich_text: [t("one two\nthree\nfour & <tag> © 😀 *literal*")] } },
    ]);
  });

  it("writes relative links and images as text naming the repo path", () => {
    expect(
      blocks(
        "See [reset](../wifi/reset.md#steps), [top](/docs/a.md), [here](#usage), [mail](mailto:ops@example.com).",
        "runbooks/network/ap.md",
      ),
    ).toEqual([
      {
        type: "paragraph",
        paragraph: {
          rich_text: [
            t(
              "See reset (runbooks/wifi/reset.md#steps), top (docs/a.md), here, mail (mailto:ops@example.com).",
            ),
          ],
        },
      },
    ]);
    expect(blocks("![diagram](img/net.png)", "runbooks/network/ap.md")).toEqual([
      { type: "paragraph", paragraph: { rich_text: [t("diagram (runbooks/network/img/net.png)")] } },
    ]);
    expect(blocks("[./x.md](./x.md)", "runbooks/a.md")).toEqual([
      { type: "paragraph", paragraph: { rich_text: [t("runbooks/x.md")] } },
    ]);
  });

  it("turns http(s) images into image blocks, splitting the paragraph around them", () => {
    expect(
      blocks("Before ![Rack](https://img.example/rack.png) after\n\n![](https://img.example/b.png)"),
    ).toEqual([
      { type: "paragraph", paragraph: { rich_text: [t("Before")] } },
      {
        type: "image",
        image: { type: "external", external: { url: "https://img.example/rack.png" }, caption: [t("Rack")] },
      },
      { type: "paragraph", paragraph: { rich_text: [t("after")] } },
      { type: "image", image: { type: "external", external: { url: "https://img.example/b.png" } } },
    ]);
  });

  it("makes images in list items links (an item's text cannot hold an image block)", () => {
    expect(blocks("- ![shot](https://img.example/s.png)")).toEqual([
      {
        type: "bulleted_list_item",
        bulleted_list_item: { rich_text: [link("shot", "https://img.example/s.png")] },
      },
    ]);
  });

  it("maps bulleted, numbered and nested lists", () => {
    expect(blocks("- a\n- b\n  1. b1\n  2. b2\n\n3. three\n4. four")).toEqual([
      { type: "bulleted_list_item", bulleted_list_item: { rich_text: [t("a")] } },
      {
        type: "bulleted_list_item",
        bulleted_list_item: {
          rich_text: [t("b")],
          children: [
            { type: "numbered_list_item", numbered_list_item: { rich_text: [t("b1")] } },
            { type: "numbered_list_item", numbered_list_item: { rich_text: [t("b2")] } },
          ],
        },
      },
      { type: "numbered_list_item", numbered_list_item: { rich_text: [t("three")] } },
      { type: "numbered_list_item", numbered_list_item: { rich_text: [t("four")] } },
    ]);
  });

  it("flattens a third nesting level into the second, in order", () => {
    expect(blocks("- top\n  - mid\n    - deep\n      - deeper\n  - mid2")).toEqual([
      {
        type: "bulleted_list_item",
        bulleted_list_item: {
          rich_text: [t("top")],
          children: [
            { type: "bulleted_list_item", bulleted_list_item: { rich_text: [t("mid")] } },
            { type: "bulleted_list_item", bulleted_list_item: { rich_text: [t("deep")] } },
            { type: "bulleted_list_item", bulleted_list_item: { rich_text: [t("deeper")] } },
            { type: "bulleted_list_item", bulleted_list_item: { rich_text: [t("mid2")] } },
          ],
        },
      },
    ]);
  });

  it("maps task items to to_do with checked", () => {
    expect(blocks("- [ ] open\n- [x] done\n  - [ ] sub")).toEqual([
      { type: "to_do", to_do: { rich_text: [t("open")], checked: false } },
      {
        type: "to_do",
        to_do: {
          rich_text: [t("done")],
          checked: true,
          children: [{ type: "to_do", to_do: { rich_text: [t("sub")], checked: false } }],
        },
      },
    ]);
  });

  it("keeps a loose item's later paragraphs and code as its children", () => {
    expect(
      blocks("1. Step one\n\n   More about it.\n\n   ```ps1\n   Get-Service\n   ```\n2. Step two"),
    ).toEqual([
      {
        type: "numbered_list_item",
        numbered_list_item: {
          rich_text: [t("Step one")],
          children: [
            { type: "paragraph", paragraph: { rich_text: [t("More about it.")] } },
            { type: "code", code: { rich_text: [t("Get-Service")], language: "powershell" } },
          ],
        },
      },
      { type: "numbered_list_item", numbered_list_item: { rich_text: [t("Step two")] } },
    ]);
  });

  it("maps block quotes (later blocks as children) and GitHub alerts to callouts", () => {
    expect(blocks("> First *line*\n> continues\n>\n> - point\n\n> [!WARNING]\n> Do **not** reboot")).toEqual([
      {
        type: "quote",
        quote: {
          rich_text: [t("First "), t("line", { annotations: { italic: true } }), t(" continues")],
          children: [{ type: "bulleted_list_item", bulleted_list_item: { rich_text: [t("point")] } }],
        },
      },
      {
        type: "callout",
        callout: {
          rich_text: [t("Do "), t("not", { annotations: { bold: true } }), t(" reboot")],
          icon: { type: "emoji", emoji: "⚠️" },
          color: "yellow_background",
        },
      },
    ]);
  });

  it("maps fenced and indented code, with Notion's language names", () => {
    expect(
      blocks(
        "```bash\nsystemctl restart unifi\n```\n\n```yml title=x\na: 1\n```\n\n```cobol\nX\n```\n\n    indented\n",
      ),
    ).toEqual([
      { type: "code", code: { rich_text: [t("systemctl restart unifi")], language: "bash" } },
      { type: "code", code: { rich_text: [t("a: 1")], language: "yaml" } },
      { type: "code", code: { rich_text: [t("X")], language: "plain text" } },
      { type: "code", code: { rich_text: [t("indented")], language: "plain text" } },
    ]);
  });

  it("maps tables to table + table_row with a column header, padding short rows", () => {
    expect(blocks("| Host | IP |\n|---|---:|\n| ap-1 | `10.0.0.2` |\n| ap-2 |")).toEqual([
      {
        type: "table",
        table: {
          table_width: 2,
          has_column_header: true,
          has_row_header: false,
          children: [
            { type: "table_row", table_row: { cells: [[t("Host")], [t("IP")]] } },
            {
              type: "table_row",
              table_row: { cells: [[t("ap-1")], [t("10.0.0.2", { annotations: { code: true } })]] },
            },
            { type: "table_row", table_row: { cells: [[t("ap-2")], []] } },
          ],
        },
      },
    ]);
  });

  it("maps rules to dividers, drops HTML comments and keeps other HTML's text", () => {
    expect(
      blocks(
        "a\n\n---\n\n<!-- hidden -->\n\n<details><summary>More</summary></details>\n\nb <kbd>Ctrl</kbd><br>c",
      ),
    ).toEqual([
      { type: "paragraph", paragraph: { rich_text: [t("a")] } },
      { type: "divider", divider: {} },
      { type: "paragraph", paragraph: { rich_text: [t("More")] } },
      { type: "paragraph", paragraph: { rich_text: [t("b Ctrl\nc")] } },
    ]);
  });

  it("moves a table inside a list item to the top level, after the item", () => {
    const result = blocks("- item\n\n  | a |\n  |---|\n  | 1 |\n\n  after\n");
    expect(result.map((b) => b.type)).toEqual(["bulleted_list_item", "table", "paragraph"]);
    expect(body(result[0] as BlockObjectRequest).children).toBeUndefined();
  });

  it("reports the first level-1 heading and gives nothing for an empty document", () => {
    expect(markdownToBlocks("## Sub\n# The *Title*\n# Second").firstHeading).toBe("The Title");
    expect(markdownToBlocks("")).toEqual({ blocks: [], firstHeading: undefined, warnings: [] });
  });
});

describe("markdownToBlocks: Notion's limits", () => {
  it("splits a 5000-character paragraph into three rich text objects", () => {
    const [block] = blocks("x".repeat(5000));
    expect(richTextOf(block as BlockObjectRequest).map((i) => i.text.content.length)).toEqual([
      2000, 2000, 1000,
    ]);
  });

  it("never splits a surrogate pair at the 2000 boundary", () => {
    const text = `${"a".repeat(1999)}😀${"b".repeat(10)}`;
    const items = richTextOf(blocks(text)[0] as BlockObjectRequest).map((i) => i.text.content);
    expect(items).toEqual([`${"a".repeat(1999)}`, `😀${"b".repeat(10)}`]);
    expect(items.join("")).toBe(text);
    for (const item of items) expect(item).toBe(item.toWellFormed());
  });

  it("keeps 250 list items as 250 top-level blocks that chunk into 100-block requests", () => {
    const md = Array.from({ length: 250 }, (_, i) => `- item ${i}`).join("\n");
    const result = blocks(md);
    expect(result).toHaveLength(250);
    expect(result.every((b) => b.type === "bulleted_list_item")).toBe(true);
    expect(richTextOf(result[249] as BlockObjectRequest)[0]?.text.content).toBe("item 249");
  });

  it("moves children beyond 100 to the top level after their parent", () => {
    const md = `- parent\n${Array.from({ length: 150 }, (_, i) => `  - child ${i}`).join("\n")}`;
    const result = blocks(md);
    expect(body(result[0] as BlockObjectRequest).children).toHaveLength(100);
    expect(result).toHaveLength(51);
    expect(richTextOf(result[1] as BlockObjectRequest)[0]?.text.content).toBe("child 100");
    for (const block of result) expect(blockElements(block)).toBeLessThanOrEqual(1000);
  });

  it("splits a table of 250 rows into tables of at most 100 rows, each with the header", () => {
    const md = `| n | sq |\n|---|---|\n${Array.from({ length: 250 }, (_, i) => `| ${i} | ${i * i} |`).join("\n")}`;
    const result = blocks(md);
    expect(result.map((b) => body(b).children?.length)).toEqual([100, 100, 53]);
    for (const table of result) {
      expect(body(table).children?.[0]).toEqual({
        type: "table_row",
        table_row: { cells: [[t("n")], [t("sq")]] },
      });
    }
    const rows = result.flatMap((b) =>
      (body(b).children ?? []).slice(1).map((r) => body(r).cells?.[0]?.[0]?.text.content),
    );
    expect(rows).toEqual(Array.from({ length: 250 }, (_, i) => String(i)));
  });

  it("splits a huge code block into several code blocks of at most 100 rich text objects, at line ends", () => {
    const line = `${"0123456789".repeat(9)}\n`; // 91 characters
    const code = line.repeat(5000).slice(0, -1); // 454,999 characters
    const result = blocks(`\`\`\`sh\n${code}\n\`\`\``);
    expect(result.length).toBeGreaterThanOrEqual(3);
    const parts = result.map((b) => {
      expect(b.type).toBe("code");
      expect(body(b).language).toBe("shell");
      const items = richTextOf(b);
      expect(items.length).toBeLessThanOrEqual(100);
      for (const item of items) expect(item.text.content.length).toBeLessThanOrEqual(2000);
      expect(jsonBytes(b)).toBeLessThanOrEqual(450_000);
      return items.map((i) => i.text.content).join("");
    });
    expect(parts.join("")).toBe(code);
    for (const part of parts.slice(0, -1)) expect(part.endsWith("\n")).toBe(true);
  });

  it("splits a paragraph longer than 100 rich text objects into several paragraphs", () => {
    const text = "y".repeat(250_000);
    const result = blocks(text);
    expect(result.length).toBeGreaterThan(1);
    expect(result.every((b) => b.type === "paragraph" && richTextOf(b).length <= 100)).toBe(true);
    expect(result.flatMap((b) => richTextOf(b).map((i) => i.text.content)).join("")).toBe(text);
  });

  it("splits long raw HTML text like any other text", () => {
    const [block] = blocks(`<div>${"h".repeat(4500)}</div>`);
    expect(richTextOf(block as BlockObjectRequest).map((i) => i.text.content.length)).toEqual([
      2000, 2000, 500,
    ]);
  });

  it("writes an over-long link as text and says so", () => {
    const url = `https://example.com/${"p".repeat(2000)}`;
    const result = markdownToBlocks(`[x](${url})`);
    const text = `x (${url})`;
    expect(result.blocks).toEqual([
      { type: "paragraph", paragraph: { rich_text: [t(text.slice(0, 2000)), t(text.slice(2000))] } },
    ]);
    expect(result.warnings).toEqual([
      `a link of ${url.length} characters is over Notion's 2000; written as text`,
    ]);
  });
});
