import { type NotionEmulator, startNotionEmulator } from "@notion-ops/notion-emulator";
import type { BlockObjectRequest } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../log/index.js";
import { createNotionClient, type NotionClient } from "../../notion/client.js";
import { DATABASES } from "../../schema/databases.js";
import { initialProperties } from "../../schema/property-config.js";
import type { DesiredRecord } from "../desired-record.js";
import { executePlan } from "../executor.js";
import { readExistingRecords } from "../existing-records.js";
import { planDatabase } from "../planner.js";
import { chunkBlocks } from "./block-chunks.js";
import { rewriteRunbook, runbookWriteCost } from "./rewrite-body.js";
import type { RunbookFile } from "./runbook-files.js";
import { runbookRecords } from "./runbook-records.js";
import { needsBodyRewrite } from "./runbook-sync.js";

const definition = DATABASES.runbooks;
const KEY = "runbooks/network/reset-ap.md";

let emulator: NotionEmulator;
let client: NotionClient;
let dataSourceId: string;

beforeAll(async () => {
  emulator = await startNotionEmulator({ rateLimit: 0, seed: 9 });
  client = createNotionClient({
    token: emulator.token,
    baseUrl: emulator.url,
    rateLimit: 1000,
    burst: 100,
    maxRetries: 0,
  });
  const parent = emulator.createParentPage("Ops");
  const db = await client.databases.create({
    parent: { type: "page_id", page_id: parent },
    title: [{ type: "text", text: { content: definition.title } }],
    initial_data_source: { properties: initialProperties(definition, () => undefined) as never },
  });
  dataSourceId = (db as { data_sources: { id: string }[] }).data_sources[0]!.id;
});

afterAll(async () => {
  await emulator?.stop();
});

const file = (text: string): RunbookFile => ({ key: KEY, bytes: new TextEncoder().encode(text), text });

const OLD = [
  "---\ntitle: Reset an access point\ncategory: Network\ntags: [wifi]\n---",
  "# Reset an access point",
  ...Array.from({ length: 118 }, (_, i) => `Step ${i}: check **cable** ${i}.`),
  "- a\n  - b\n    - c",
  "```sh\nreboot\n```",
].join("\n\n");

const NEW = [
  "---\ntitle: Reset a UniFi access point\ncategory: Network\ntags: [wifi, unifi]\n---",
  "# Reset a UniFi access point",
  "> [!WARNING]\n> Clients drop for *two* minutes.",
  "> Ask the site first.\n>\n> - call\n> - email",
  `| Site | AP |\n|---|---|\n${Array.from({ length: 130 }, (_, i) => `| S${i} | [ap-${i}](https://unifi.example/ap/${i}) |`).join("\n")}`,
  "1. Open the console\n   1. Devices\n      1. Filter by site\n2. Hold reset 10 s\n- [ ] Confirm it adopted\n- [x] Tell the client",
  "![Rack](https://img.example/rack.png)",
  ...Array.from({ length: 90 }, (_, i) => `Note ${i} with \`code\` and ~~old~~ text.`),
  `\`\`\`powershell\n${"Get-Service unifi\n".repeat(300)}\`\`\``,
  "---",
  "See [reboot](../reboot.md) for more.",
].join("\n\n");

/** What the emulator holds under a block, read back into the request shape notion-ops sends. */
function body(parentId: string): BlockObjectRequest[] {
  return emulator.blockChildren(parentId).map((block) => {
    const type = block.type as string;
    const content = { ...(block[type] as Record<string, unknown>) };
    for (const [name, value] of Object.entries(content)) {
      if (name === "rich_text" || name === "caption")
        content[name] = (value as RichTextRead[]).map(requestText);
      if (name === "cells") content.cells = (value as RichTextRead[][]).map((cell) => cell.map(requestText));
    }
    if (content.color === "default") delete content.color;
    if (content.is_toggleable === false) delete content.is_toggleable;
    if (Array.isArray(content.caption) && content.caption.length === 0) delete content.caption;
    if (block.has_children === true) content.children = body(block.id as string);
    return { type, [type]: content } as unknown as BlockObjectRequest;
  });
}

interface RichTextRead {
  text: { content: string; link: { url: string } | null };
  annotations: Record<string, boolean | string>;
}

function requestText(item: RichTextRead): Record<string, unknown> {
  const annotations = Object.fromEntries(Object.entries(item.annotations).filter(([, on]) => on === true));
  return {
    type: "text",
    text: item.text.link
      ? { content: item.text.content, link: { url: item.text.link.url } }
      : { content: item.text.content },
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
}

async function plan(text: string, now: Date) {
  const existing = await readExistingRecords(client, { dataSourceId, definition });
  const { records } = runbookRecords([file(text)], { now, existing: existing.byKey });
  return {
    existing,
    record: records[0] as DesiredRecord,
    plan: planDatabase({ definition, desired: records, existing, mode: "upsert" }),
  };
}

type Texts = { plain_text: string }[];
const joined = (items: Texts | undefined) => (items ?? []).map((t) => t.plain_text).join("");

/** A runbook page's id and the properties the tests check, read from the emulator's state. */
function pageOf(key: string) {
  const pages = emulator
    .pages(dataSourceId)
    .map((p) => ({ id: p.id, props: p.properties as unknown as Record<string, Record<string, unknown>> }));
  const page = pages.find((p) => joined(p.props["Runbook Key"]?.rich_text as Texts) === key);
  if (!page) throw new Error(`no page for ${key}`);
  return {
    id: page.id,
    hash: joined(page.props["Content Hash"]?.rich_text as Texts),
    lastUpdated: (page.props["Last Updated"]?.date as { start: string } | null)?.start,
    title: joined(page.props.Title?.title as Texts),
  };
}

describe("runbook pages against the emulator", () => {
  it("creates a page with a body over 100 blocks, then rewrites it with a new body", async () => {
    const first = await plan(OLD, new Date("2026-01-10T09:00:00Z"));
    expect(first.plan.creates).toHaveLength(1);
    expect(first.record.children!.length).toBeGreaterThan(100);
    emulator.resetStats();
    const created = await executePlan({
      client,
      plan: first.plan,
      definition,
      dataSourceId,
      resolveRelation: () => undefined,
      logger: silentLogger(),
      bodyCompleteProperty: "Content Hash",
    });
    expect(created).toMatchObject({ created: 1, failed: [] });
    expect(emulator.stats().total).toBe(runbookWriteCost(first.record.children!).create);
    const page = pageOf(KEY);
    expect(body(page.id)).toEqual(first.record.children);
    expect(page).toMatchObject({ hash: first.record.values["Content Hash"], lastUpdated: "2026-01-10" });

    const second = await plan(NEW, new Date("2026-02-20T09:00:00Z"));
    expect(second.plan.creates).toEqual([]);
    const update = second.plan.updates[0]!;
    expect(needsBodyRewrite(update)).toBe(true);
    const blocks = second.record.children!;
    const chunks = chunkBlocks(blocks).length;
    // 103 top-level blocks (two tables from 130 rows, a nested list, a 300-line code block…): two appends.
    expect(blocks).toHaveLength(103);
    expect(chunks).toBe(2);
    emulator.resetStats();
    const result = await rewriteRunbook({
      client,
      pageId: update.pageId,
      blocks,
      values: Object.fromEntries(update.changes.map((c) => [c.property, c.to])),
    });
    expect(result).toEqual({ requests: 2 + chunks });
    const stats = emulator.stats();
    expect(stats.total).toBe(2 + chunks);
    expect(stats.byEndpoint["PATCH /v1/pages/:page_id"]?.total).toBe(2);
    expect(stats.byEndpoint["PATCH /v1/blocks/:block_id/children"]?.total).toBe(chunks);
    expect(runbookWriteCost(blocks).rewrite).toBe(2 + chunks);

    expect(body(update.pageId)).toEqual(blocks);
    expect(pageOf(KEY)).toEqual({
      id: update.pageId,
      hash: second.record.values["Content Hash"],
      lastUpdated: "2026-02-20",
      title: "Reset a UniFi access point",
    });

    const third = await plan(NEW, new Date("2026-02-21T09:00:00Z"));
    expect(third.plan).toMatchObject({ creates: [], updates: [], unchanged: 1 });
  });

  it("redoes an interrupted rewrite on the next run, leaving no half-written body", async () => {
    const NEWER = NEW.replace("Hold reset 10 s", "Hold reset 15 s");
    const run = await plan(NEWER, new Date("2026-03-01T09:00:00Z"));
    const update = run.plan.updates[0]!;
    const values = Object.fromEntries(update.changes.map((c) => [c.property, c.to]));
    // The first append lands but its answer is lost: the client must not retry it blindly.
    emulator.queueFaults({
      kind: "ambiguous_create",
      method: "PATCH",
      path: "/v1/blocks/:block_id/children",
      outcome: "internal_server_error",
    });
    await expect(
      rewriteRunbook({ client, pageId: update.pageId, blocks: run.record.children!, values }),
    ).rejects.toThrow();
    const broken = pageOf(KEY);
    expect(broken.hash).toBe("");
    expect(body(update.pageId).length).toBe(chunkBlocks(run.record.children!)[0]!.length);

    const retry = await plan(NEWER, new Date("2026-03-02T09:00:00Z"));
    const again = retry.plan.updates[0]!;
    expect(needsBodyRewrite(again)).toBe(true);
    await rewriteRunbook({
      client,
      pageId: again.pageId,
      blocks: retry.record.children!,
      values: Object.fromEntries(again.changes.map((c) => [c.property, c.to])),
    });
    expect(body(again.pageId)).toEqual(retry.record.children);
    expect(pageOf(KEY)).toMatchObject({
      hash: retry.record.values["Content Hash"],
      lastUpdated: "2026-03-02",
    });
    expect(emulator.internalErrors()).toEqual([]);
  });

  it("empties a runbook whose file lost its body in one request", async () => {
    const run = await plan("---\ntitle: Retired\n---\n", new Date("2026-04-01T09:00:00Z"));
    const update = run.plan.updates[0]!;
    expect(run.record.children).toEqual([]);
    emulator.resetStats();
    const result = await rewriteRunbook({
      client,
      pageId: update.pageId,
      blocks: [],
      values: Object.fromEntries(update.changes.map((c) => [c.property, c.to])),
    });
    expect(result).toEqual({ requests: 1 });
    expect(emulator.stats().total).toBe(1);
    expect(body(update.pageId)).toEqual([]);
    expect(pageOf(KEY)).toMatchObject({ title: "Retired", hash: run.record.values["Content Hash"] });
  });
});
