import { collectPaginatedAPI } from "@notionhq/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AnyRecord, expectNotionError, type Harness, startHarness, text } from "./support/harness.js";

let h: Harness;
let pageId: string;
beforeEach(async () => {
  h = await startHarness();
  pageId = (
    await h.notion.pages.create({
      parent: { page_id: h.parentPageId },
      properties: { title: { title: text("Runbook") } },
    })
  ).id;
});
afterEach(async () => {
  expect(h.emulator.internalErrors()).toEqual([]);
  await h.emulator.stop();
});

const paragraphs = (n: number, prefix = "p") =>
  Array.from({ length: n }, (_, i) => ({ paragraph: { rich_text: text(`${prefix}${i}`) } }));

describe("block children", () => {
  it("appends up to 100 children and lists them page by page", async () => {
    const appended = await h.notion.blocks.children.append({
      block_id: pageId,
      children: paragraphs(100) as never,
    });
    expect(appended.results).toHaveLength(100);
    await h.notion.blocks.children.append({ block_id: pageId, children: paragraphs(20, "q") as never });
    const first = await h.notion.blocks.children.list({ block_id: pageId, page_size: 100 });
    expect(first.results).toHaveLength(100);
    expect(first.has_more).toBe(true);
    const all = (await collectPaginatedAPI(h.notion.blocks.children.list, {
      block_id: pageId,
      page_size: 50,
    })) as AnyRecord[];
    expect(all.map((b) => b.paragraph.rich_text[0].plain_text)).toEqual([
      ...paragraphs(100).map((_, i) => `p${i}`),
      ...paragraphs(20).map((_, i) => `q${i}`),
    ]);
    await expectNotionError(h.notion.blocks.children.list({ block_id: pageId, page_size: 101 }), {
      status: 400,
      code: "validation_error",
      message: "query failed validation: query.page_size should be ≤ `100`, instead was `101`.",
    });
  });

  it("refuses more than 100 children in one append", async () => {
    await expectNotionError(
      h.notion.blocks.children.append({ block_id: pageId, children: paragraphs(101) as never }),
      {
        status: 400,
        code: "validation_error",
        message: "body failed validation: body.children.length should be ≤ `100`, instead was `101`.",
      },
    );
    expect(h.emulator.blockChildren(pageId)).toHaveLength(0);
  });

  it("accepts two levels of nesting and refuses a third", async () => {
    const twoLevels = [
      { toggle: { rich_text: text("t"), children: [{ bulleted_list_item: { rich_text: text("child") } }] } },
    ];
    const res = (await h.notion.blocks.children.append({
      block_id: pageId,
      children: twoLevels as never,
    })) as AnyRecord;
    expect(res.results[0].has_children).toBe(true);
    const nested = (await h.notion.blocks.children.list({ block_id: res.results[0].id })) as AnyRecord;
    expect(nested.results[0].bulleted_list_item.rich_text[0].plain_text).toBe("child");
    const threeLevels = [
      {
        toggle: {
          rich_text: text("t"),
          children: [
            { toggle: { rich_text: text("u"), children: [{ paragraph: { rich_text: text("deep") } }] } },
          ],
        },
      },
    ];
    await expectNotionError(
      h.notion.blocks.children.append({ block_id: pageId, children: threeLevels as never }),
      {
        status: 400,
        code: "validation_error",
        message:
          /body\.children\[0\]\.toggle\.children\[0\]\.toggle\.children should not be present: a request can nest blocks at most 2 levels deep/,
      },
    );
  });

  it("refuses more than 1000 block elements in one request", async () => {
    const children = Array.from({ length: 91 }, () => ({
      toggle: { rich_text: text("t"), children: paragraphs(10) },
    }));
    await expectNotionError(
      h.notion.blocks.children.append({ block_id: pageId, children: children as never }),
      {
        status: 400,
        code: "validation_error",
        message:
          "body failed validation: body.children should contain at most `1000` block elements in one request, instead had `1001`.",
      },
    );
  });

  it("validates block types, rich text limits and tables", async () => {
    await expectNotionError(
      h.notion.blocks.children.append({
        block_id: pageId,
        children: [{ type: "hologram", hologram: {} }] as never,
      }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.children\[0\]\.type should be one of/,
      },
    );
    await expectNotionError(
      h.notion.blocks.children.append({
        block_id: pageId,
        children: [{ paragraph: { rich_text: [{ text: { content: "x".repeat(2001) } }] } }] as never,
      }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.children\[0\]\.paragraph\.rich_text\[0\]\.text\.content\.length should be ≤ `2000`/,
      },
    );
    const table = {
      table: {
        table_width: 2,
        has_column_header: true,
        children: [{ table_row: { cells: [text("a"), text("b")] } }, { table_row: { cells: [text("c")] } }],
      },
    };
    await expectNotionError(
      h.notion.blocks.children.append({ block_id: pageId, children: [table] as never }),
      {
        status: 400,
        code: "validation_error",
        message: /table_row\.cells\.length should be `2`/,
      },
    );
  });

  it("inserts after a given block and deletes blocks", async () => {
    const [a, b] = (
      await h.notion.blocks.children.append({ block_id: pageId, children: paragraphs(2) as never })
    ).results;
    await h.notion.blocks.children.append({
      block_id: pageId,
      after: a?.id,
      children: paragraphs(1, "mid") as never,
    });
    const order = () =>
      h.emulator.blockChildren(pageId).map((x: AnyRecord) => x.paragraph.rich_text[0].plain_text);
    expect(order()).toEqual(["p0", "mid0", "p1"]);
    const deleted = (await h.notion.blocks.delete({ block_id: b?.id as string })) as AnyRecord;
    expect(deleted.in_trash).toBe(true);
    expect(order()).toEqual(["p0", "mid0"]);
    await expectNotionError(
      h.notion.blocks.children.append({ block_id: b?.id as string, children: paragraphs(1) as never }),
      {
        status: 400,
        code: "validation_error",
        message: /archived/,
      },
    );
  });
});

describe("search", () => {
  it("finds pages and data sources by title, filters by object, sorts and pages", async () => {
    await h.notion.databases.create({
      parent: { type: "page_id", page_id: h.parentPageId },
      title: text("Customer Sites"),
      initial_data_source: { properties: { Name: { title: {} } } },
    });
    await h.notion.pages.create({
      parent: { page_id: h.parentPageId },
      properties: { title: { title: text("Site visit notes") } },
    });
    const all = (await h.notion.search({ query: "site" })) as AnyRecord;
    expect(all.results.map((r: AnyRecord) => r.object).sort()).toEqual(["data_source", "page"]);
    const onlySources = (await h.notion.search({
      query: "site",
      filter: { property: "object", value: "data_source" },
    })) as AnyRecord;
    expect(onlySources.results).toEqual([
      expect.objectContaining({
        object: "data_source",
        title: [expect.objectContaining({ plain_text: "Customer Sites" })],
      }),
    ]);
    const pages = (await h.notion.search({
      filter: { property: "object", value: "page" },
      sort: { timestamp: "last_edited_time", direction: "ascending" },
    })) as AnyRecord;
    expect(pages.results.map((r: AnyRecord) => r.id)).toEqual([h.parentPageId, pageId, expect.any(String)]);
    const firstPage = await h.notion.search({ page_size: 1 });
    expect(firstPage.has_more).toBe(true);
    await expectNotionError(h.notion.search({ filter: { property: "object", value: "database" as never } }), {
      status: 400,
      code: "validation_error",
      message: /body\.filter\.value should be one of `"page"`, `"data_source"`, instead was `"database"`/,
    });
  });
});
