import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "./front-matter.js";

describe("parseFrontMatter", () => {
  it("reads title, category and a tag list, and returns the body after it", () => {
    const result = parseFrontMatter(
      "---\ntitle: Reset an AP\ncategory: Network\ntags: [wifi, unifi]\n---\n# Body\n",
    );
    expect(result).toEqual({
      ok: true,
      data: { title: "Reset an AP", category: "Network", tags: ["wifi", "unifi"] },
      body: "# Body\n",
      bodyLine: 6,
    });
  });

  it("accepts tags as one comma-separated string and as a block list", () => {
    const comma = parseFrontMatter("---\ntags: wifi, unifi , ,backup\n---\n");
    expect(comma.ok && comma.data.tags).toEqual(["wifi", "unifi", "backup"]);
    const block = parseFrontMatter("---\ntags:\n  - wifi\n  - 42\n---\n");
    expect(block.ok && block.data.tags).toEqual(["wifi", "42"]);
  });

  it("gives an empty result without front matter, and treats an unclosed --- as a rule", () => {
    expect(parseFrontMatter("# Title\ntext")).toEqual({
      ok: true,
      data: { category: null, tags: [] },
      body: "# Title\ntext",
      bodyLine: 1,
    });
    const unclosed = "---\nnot front matter\n";
    expect(parseFrontMatter(unclosed)).toMatchObject({ ok: true, body: unclosed, bodyLine: 1 });
  });

  it("handles empty front matter, CRLF line ends and the `...` closing line", () => {
    expect(parseFrontMatter("---\n---\nbody")).toMatchObject({
      ok: true,
      data: { category: null, tags: [] },
      body: "body",
    });
    const crlf = parseFrontMatter("---\r\ntitle: Win\r\ncategory:\r\n...\r\nbody\r\n");
    expect(crlf).toMatchObject({ ok: true, data: { title: "Win", category: null, tags: [] }, bodyLine: 5 });
  });

  it("ignores keys it does not use and reads keys case-insensitively", () => {
    const result = parseFrontMatter("---\nowner: jane\nTitle: Upper\nCategory: Backup\n---\n");
    expect(result).toMatchObject({ ok: true, data: { title: "Upper", category: "Backup", tags: [] } });
  });

  it("reports invalid YAML with the file line", () => {
    const result = parseFrontMatter("---\ntitle: ok\ntags: [a, b\ncategory: x\n---\nbody");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.message).toMatch(/^invalid front matter: /);
    expect(result.problem.line).toBe(4);
  });

  it("reports a duplicate key at its line", () => {
    const result = parseFrontMatter("---\ntitle: a\ncategory: b\ntitle: c\n---\n");
    expect(result).toMatchObject({ ok: false, problem: { line: 4 } });
    expect(!result.ok && result.problem.message).toMatch(/unique/);
  });

  it("reports wrong-typed fields naming the field and line", () => {
    expect(parseFrontMatter("---\ntitle: ok\ncategory: [a, b]\n---\n")).toEqual({
      ok: false,
      problem: {
        message: 'invalid front matter: "category" must be one name (text), not a list or mapping',
        line: 3,
      },
    });
    expect(parseFrontMatter("---\ntitle:\n  nested: map\n---\n")).toEqual({
      ok: false,
      problem: { message: 'invalid front matter: "title" must be text', line: 3 },
    });
    expect(parseFrontMatter("---\ntags:\n  - ok\n  - [nested]\n---\n")).toMatchObject({
      ok: false,
      problem: { message: expect.stringContaining('"tags"'), line: 3 },
    });
  });

  it("refuses front matter that is not a mapping", () => {
    expect(parseFrontMatter("---\n- a\n- b\n---\n")).toEqual({
      ok: false,
      problem: { message: "front matter must be a YAML mapping (key: value lines)", line: 2 },
    });
  });
});
