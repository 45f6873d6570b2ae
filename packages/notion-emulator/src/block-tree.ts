import { validationError } from "./api-error.js";
import type { BlockRecord, PageRecord } from "./state.js";
import type { Store } from "./store.js";
import type { BlockDraft } from "./validation/blocks.js";

export type BlockParent = { type: "page_id"; page_id: string } | { type: "block_id"; block_id: string };

function childList(store: Store, parent: BlockParent): string[] {
  if (parent.type === "page_id") {
    const page = store.state.pages[parent.page_id] as PageRecord;
    return page.childIds;
  }
  return (store.state.blocks[parent.block_id] as BlockRecord).childIds;
}

/**
 * Stores validated block drafts under a page or block, after `afterId` when given (else at the
 * end), and returns the new top-level blocks.
 */
export function insertBlocks(
  store: Store,
  parent: BlockParent,
  drafts: readonly BlockDraft[],
  afterId?: string,
): BlockRecord[] {
  const siblings = childList(store, parent);
  let at = siblings.length;
  if (afterId !== undefined) {
    const index = siblings.indexOf(afterId);
    if (index < 0)
      throw validationError(
        `body failed validation: body.after \`${afterId}\` is not a child of the parent block.`,
      );
    at = index + 1;
  }
  const created = drafts.map((draft) => createBlock(store, parent, draft));
  siblings.splice(at, 0, ...created.map((b) => b.id));
  return created;
}

function createBlock(store: Store, parent: BlockParent, draft: BlockDraft): BlockRecord {
  const now = store.now();
  const block: BlockRecord = {
    id: store.newId(),
    parent,
    type: draft.type,
    content: draft.content,
    childIds: [],
    inTrash: false,
    createdTime: now,
    lastEditedTime: now,
  };
  store.state.blocks[block.id] = block;
  for (const child of draft.children) {
    const stored = createBlock(store, { type: "block_id", block_id: block.id }, child);
    block.childIds.push(stored.id);
  }
  return block;
}

/** Adds the `child_page` / `child_database` block Notion shows on a parent page. */
export function addChildObjectBlock(
  store: Store,
  parentPageId: string,
  id: string,
  type: "child_page" | "child_database",
): void {
  const parent = store.state.pages[parentPageId];
  if (!parent) return;
  const now = store.now();
  store.state.blocks[id] = {
    id,
    parent: { type: "page_id", page_id: parentPageId },
    type,
    content: { title: "" },
    childIds: [],
    inTrash: false,
    createdTime: now,
    lastEditedTime: now,
  };
  parent.childIds.push(id);
}
