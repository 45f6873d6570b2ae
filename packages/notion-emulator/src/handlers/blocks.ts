import { archivedObject, validationError } from "../api-error.js";
import { type BlockParent, insertBlocks } from "../block-tree.js";
import { normalizeId } from "../ids.js";
import { paginate, parsePageSize } from "../query/pagination.js";
import { renderBlock } from "../render/block.js";
import { listResponse } from "../render/list.js";
import { pageTitleText } from "../render/page.js";
import type { RequestContext, Route } from "../router.js";
import type { BlockRecord, PageRecord } from "../state.js";
import type { Store } from "../store.js";
import { CAN_HAVE_CHILDREN, parseBlockChildren } from "../validation/blocks.js";
import { invalid } from "../validation/json.js";

function visibleChildren(store: Store, ids: readonly string[]): BlockRecord[] {
  return ids.flatMap((id) => {
    const block = store.state.blocks[id];
    if (!block || block.inTrash) return [];
    if (block.type === "child_page" && store.state.pages[id]?.inTrash) return [];
    if (block.type === "child_database" && store.state.databases[id]?.inTrash) return [];
    return [block];
  });
}

/** A page addressed through the blocks API looks like a `child_page` block. */
function pageAsBlock(store: Store, page: PageRecord): Record<string, unknown> {
  const rendered = renderBlock(store, {
    id: page.id,
    parent:
      page.parent.type === "page_id"
        ? { type: "page_id", page_id: page.parent.page_id }
        : { type: "page_id", page_id: page.id },
    type: "child_page",
    content: { title: pageTitleText(store, page) },
    childIds: page.childIds,
    inTrash: page.inTrash,
    createdTime: page.createdTime,
    lastEditedTime: page.lastEditedTime,
  });
  if (page.parent.type !== "page_id") rendered.parent = { ...page.parent };
  return rendered;
}

function retrieveBlock(ctx: RequestContext): unknown {
  const { store } = ctx;
  const { block, page } = store.accessibleBlockOrPage(ctx.params.block_id);
  return page ? pageAsBlock(store, page) : renderBlock(store, block as BlockRecord);
}

function listChildren(ctx: RequestContext): unknown {
  const { store, query } = ctx;
  const { block, page } = store.accessibleBlockOrPage(ctx.params.block_id);
  const pageSize = parsePageSize(query.get("page_size") ?? undefined, "query.page_size");
  const children = visibleChildren(store, page ? page.childIds : (block as BlockRecord).childIds);
  const slice = paginate(
    children,
    (b) => b.id,
    query.get("start_cursor") ?? undefined,
    pageSize,
    "query.start_cursor",
  );
  return listResponse(
    slice.items.map((b) => renderBlock(store, b)),
    slice.nextCursor,
    "block",
  );
}

function appendChildren(ctx: RequestContext): unknown {
  const { store, body } = ctx;
  if (body.position !== undefined) {
    throw invalid(
      "body.position",
      "is not available in Notion-Version 2025-09-03 (use `after`)",
      body.position,
    );
  }
  const { block, page } = store.accessibleBlockOrPage(ctx.params.block_id);
  if (body.children === undefined) throw invalid("body.children", "should be defined", undefined);
  const drafts = parseBlockChildren(body.children, "body.children");
  let after: string | undefined;
  if (body.after !== undefined) {
    after = normalizeId(body.after);
    if (!after) throw invalid("body.after", "should be a valid uuid", body.after);
  }
  let parent: BlockParent;
  if (page) {
    if (page.inTrash) throw archivedObject();
    parent = { type: "page_id", page_id: page.id };
  } else {
    const target = block as BlockRecord;
    if (target.inTrash) throw archivedObject();
    if (!CAN_HAVE_CHILDREN.has(target.type)) {
      throw validationError(`Block type ${target.type} does not support children.`);
    }
    parent = { type: "block_id", block_id: target.id };
  }
  const parentIsTable = block?.type === "table";
  drafts.forEach((d, i) => {
    if ((d.type === "table_row") !== parentIsTable) {
      throw invalid(
        `body.children[${i}].type`,
        parentIsTable ? 'should be `"table_row"` under a table' : 'cannot be `"table_row"` outside a table',
        d.type,
      );
    }
    if (parentIsTable && (d.content.cells as unknown[]).length !== block?.content.table_width) {
      throw invalid(
        `body.children[${i}].table_row.cells.length`,
        "should equal the table width",
        (d.content.cells as unknown[]).length,
      );
    }
  });
  const created = insertBlocks(store, parent, drafts, after);
  const now = store.now();
  if (page) page.lastEditedTime = now;
  else if (block) block.lastEditedTime = now;
  return listResponse(
    created.map((b) => renderBlock(store, b)),
    null,
    "block",
  );
}

function deleteBlock(ctx: RequestContext): unknown {
  const { store } = ctx;
  const { block, page } = store.accessibleBlockOrPage(ctx.params.block_id);
  if (page) {
    page.inTrash = true;
    page.lastEditedTime = store.now();
    return pageAsBlock(store, page);
  }
  const target = block as BlockRecord;
  target.inTrash = true;
  target.lastEditedTime = store.now();
  return renderBlock(store, target);
}

export const blockRoutes: Route[] = [
  { method: "GET", pattern: "/v1/blocks/:block_id", handler: retrieveBlock },
  { method: "DELETE", pattern: "/v1/blocks/:block_id", handler: deleteBlock },
  { method: "GET", pattern: "/v1/blocks/:block_id/children", handler: listChildren },
  { method: "PATCH", pattern: "/v1/blocks/:block_id/children", handler: appendChildren, creates: true },
];
