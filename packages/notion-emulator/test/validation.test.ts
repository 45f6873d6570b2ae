import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKitchenSink, expectNotionError, type Harness, startHarness, text } from "./support/harness.js";

let h: Harness;
let ids: Awaited<ReturnType<typeof createKitchenSink>>;
beforeEach(async () => {
  h = await startHarness();
  ids = await createKitchenSink(h);
});
afterEach(async () => {
  expect(h.emulator.internalErrors()).toEqual([]);
  await h.emulator.stop();
});

const create = (properties: Record<string, unknown>) =>
  h.notion.pages.create({ parent: { data_source_id: ids.dataSourceId }, properties: properties as never });

/** Each rule: the write is refused with 400 validation_error naming the property, and nothing is stored. */
async function refused(properties: Record<string, unknown>, message: string | RegExp) {
  await expectNotionError(create(properties), { status: 400, code: "validation_error", message });
  expect(h.emulator.pages(ids.dataSourceId)).toHaveLength(0);
}

describe("page property validation against the data source schema", () => {
  it("unknown property", async () => {
    await refused({ Colour: { rich_text: text("x") } }, "Colour is not a property that exists.");
  });

  it("wrong value type for the property", async () => {
    await refused({ "Device Key": { select: { name: "x" } } }, "Device Key is expected to be rich_text.");
    await refused(
      { Score: { number: "5" } },
      'body failed validation: body.properties.Score.number should be a number or `null`, instead was `"5"`.',
    );
    await refused({ Online: { checkbox: null } }, /body\.properties\.Online\.checkbox should be a boolean/);
  });

  it("text content over 2000 characters, in rich_text and title", async () => {
    await refused(
      { "Device Key": { rich_text: [{ text: { content: "a".repeat(2001) } }] } },
      "body failed validation: body.properties.Device Key.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`.",
    );
    await refused(
      { "Device Name": { title: [{ text: { content: "ok" } }, { text: { content: "é".repeat(2001) } }] } },
      "body failed validation: body.properties.Device Name.title[1].text.content.length should be ≤ `2000`, instead was `2001`.",
    );
    await expect(
      create({ "Device Key": { rich_text: [{ text: { content: "a".repeat(2000) } }] } }),
    ).resolves.toBeDefined();
  });

  it("link URLs over 2000 characters", async () => {
    await refused(
      {
        "Device Key": {
          rich_text: [{ text: { content: "x", link: { url: `https://e.x/${"a".repeat(2000)}` } } }],
        },
      },
      /body\.properties\.Device Key\.rich_text\[0\]\.text\.link\.url\.length should be ≤ `2000`/,
    );
  });

  it("arrays over 100 items: rich text, multi_select, relation", async () => {
    const items = Array.from({ length: 101 }, (_, i) => ({ text: { content: `p${i}` } }));
    await refused(
      { "Device Key": { rich_text: items } },
      "body failed validation: body.properties.Device Key.rich_text.length should be ≤ `100`, instead was `101`.",
    );
    const options = Array.from({ length: 101 }, (_, i) => ({ name: `t${i}` }));
    await refused(
      { Tags: { multi_select: options } },
      "body failed validation: body.properties.Tags.multi_select.length should be ≤ `100`, instead was `101`.",
    );
    const relations = Array.from({ length: 101 }, () => ({ id: ids.databaseId }));
    await refused(
      { Site: { relation: relations } },
      "body failed validation: body.properties.Site.relation.length should be ≤ `100`, instead was `101`.",
    );
  });

  it("url over 2000, email and phone over 200 characters", async () => {
    await refused(
      { Dashboard: { url: `https://x.io/${"a".repeat(1990)}` } },
      "body failed validation: body.properties.Dashboard.url.length should be ≤ `2000`, instead was `2003`.",
    );
    await refused(
      { Owner: { email: `${"a".repeat(195)}@x.com` } },
      "body failed validation: body.properties.Owner.email.length should be ≤ `200`, instead was `201`.",
    );
    await refused(
      { Phone: { phone_number: "1".repeat(201) } },
      "body failed validation: body.properties.Phone.phone_number.length should be ≤ `200`, instead was `201`.",
    );
  });

  it('"" where null is required for url, email and phone', async () => {
    for (const [name, type] of [
      ["Dashboard", "url"],
      ["Owner", "email"],
      ["Phone", "phone_number"],
    ]) {
      await refused(
        { [name as string]: { [type as string]: "" } },
        `body failed validation: body.properties.${name}.${type} should be a non-empty string or \`null\` (send \`null\` to clear it), instead was \`""\`.`,
      );
    }
    await expect(
      create({ Dashboard: { url: null }, Owner: { email: null }, Phone: { phone_number: null } }),
    ).resolves.toBeDefined();
  });

  it("relation ids that are not pages of the target data source", async () => {
    const foreign = await create({});
    await expectNotionError(create({ Site: { relation: [{ id: foreign.id }] } }), {
      status: 400,
      code: "validation_error",
      message: new RegExp(
        `body\\.properties\\.Site\\.relation\\[0\\]\\.id \`${foreign.id}\` is not a page of the data source ${ids.siteDataSourceId}`,
      ),
    });
    await expectNotionError(
      create({ Site: { relation: [{ id: "5f0c3a52-1111-4222-8333-444455556666" }] } }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.properties\.Site\.relation\[0\]\.id/,
      },
    );
    await expectNotionError(create({ Site: { relation: [{ id: "nope" }] } }), {
      status: 400,
      code: "validation_error",
      message: /body\.properties\.Site\.relation\[0\]\.id should be a valid uuid/,
    });
  });

  it("read-only property types", async () => {
    await refused(
      { Formula: { formula: { string: "x" } } },
      "body failed validation: body.properties.Formula is a `formula` property, which is read-only and cannot be set through the API.",
    );
    await refused(
      { Created: { created_time: "2026-01-01T00:00:00Z" } },
      /body\.properties\.Created is a `created_time` property, which is read-only/,
    );
    await refused({ Ref: { unique_id: { number: 3 } } }, /body\.properties\.Ref is a `unique_id` property/);
    await refused(
      { Edited: { last_edited_time: "2026-01-01T00:00:00Z" } },
      /body\.properties\.Edited is a `last_edited_time` property/,
    );
  });

  it("status option not in the schema", async () => {
    await refused(
      { Stage: { status: { name: "Parked" } } },
      "body failed validation: body.properties.Stage.status.name `Parked` is not an option of status property Stage. Valid options: Not started, In progress, Done.",
    );
  });

  it("select option names with a comma", async () => {
    await refused(
      { Vendor: { select: { name: "Ubiquiti, Inc" } } },
      'body failed validation: body.properties.Vendor.select.name should not contain commas, instead was `"Ubiquiti, Inc"`.',
    );
    await refused(
      { Tags: { multi_select: [{ name: "a,b" }] } },
      /body\.properties\.Tags\.multi_select\[0\]\.name should not contain commas/,
    );
  });

  it("a body over 500 KB", async () => {
    const chunk = { text: { content: "x".repeat(2000) } };
    const big = Array.from({ length: 100 }, () => chunk);
    await refused(
      {
        "Device Key": { rich_text: big },
        "Device Name": { title: big },
        Tags: { multi_select: [] },
        Formula: { formula: { string: "x".repeat(200_000) } },
      },
      /Request body too large: the body is \d+ bytes, over the 512000 byte \(500 KB\) limit\./,
    );
  });

  it("a refused update changes nothing", async () => {
    const page = await create({ Score: { number: 1 }, "Device Key": { rich_text: text("k") } });
    await expectNotionError(
      h.notion.pages.update({
        page_id: page.id,
        properties: { Score: { number: 2 }, Dashboard: { url: "" } },
      }),
      { status: 400, code: "validation_error", message: /body\.properties\.Dashboard\.url/ },
    );
    const [stored] = h.emulator.pages(ids.dataSourceId);
    expect(stored?.properties.Score).toMatchObject({ number: 1 });
  });
});
