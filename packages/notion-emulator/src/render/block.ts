import { notionTimestamp } from "../clock.js";
import { plainText } from "../rich-text.js";
import type { BlockRecord } from "../state.js";
import type { Store } from "../store.js";
import { pageTitleText } from "./page.js";
import { botRef } from "./user.js";

export function renderBlock(store: Store, block: BlockRecord): Record<string, unknown> {
  let content: Record<string, unknown> = structuredClone(block.content);
  let inTrash = block.inTrash;
  if (block.type === "child_page") {
    const page = store.state.pages[block.id];
    if (page) {
      content = { title: pageTitleText(store, page) };
      inTrash ||= page.inTrash;
    }
  } else if (block.type === "child_database") {
    const db = store.state.databases[block.id];
    if (db) {
      content = { title: plainText(db.title) };
      inTrash ||= db.inTrash;
    }
  }
  return {
    object: "block",
    id: block.id,
    parent: { ...block.parent },
    created_time: notionTimestamp(block.createdTime),
    last_edited_time: notionTimestamp(block.lastEditedTime),
    created_by: botRef(store),
    last_edited_by: botRef(store),
    has_children: block.childIds.some((id) => store.state.blocks[id] && !store.state.blocks[id]?.inTrash),
    archived: inTrash,
    in_trash: inTrash,
    type: block.type,
    [block.type]: content,
  };
}
