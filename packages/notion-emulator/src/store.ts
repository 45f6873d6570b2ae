import { archivedObject, objectNotFound, validationError } from "./api-error.js";
import type { Now } from "./clock.js";
import { createIdGenerator, type IdGenerator } from "./id-generator.js";
import { normalizeId } from "./ids.js";
import type {
  BlockRecord,
  DatabaseRecord,
  DataSourceRecord,
  PageRecord,
  PropertySchema,
  ViewRecord,
  WorkspaceState,
} from "./state.js";

/**
 * The in-memory workspace with the lookups every handler needs. Lookups through `accessible*`
 * apply Notion's visibility rule: an object that does not exist, was deleted, or is not shared
 * with the integration is answered with 404 `object_not_found`.
 */
export class Store {
  state: WorkspaceState;
  ids: IdGenerator;
  readonly now: Now;
  /** Query results since the last write (see `changed`). */
  private readonly queries = new Map<string, unknown>();

  constructor(state: WorkspaceState, now: Now) {
    this.state = state;
    this.ids = createIdGenerator(state.idGeneratorState);
    this.now = now;
  }

  static empty(seed: number, now: Now): Store {
    const bootstrap = createIdGenerator(seed);
    const state: WorkspaceState = {
      version: 1,
      workspaceId: bootstrap.uuid(),
      botId: bootstrap.uuid(),
      idGeneratorState: bootstrap.state(),
      nextSeq: 1,
      pages: {},
      blocks: {},
      databases: {},
      dataSources: {},
      views: {},
      viewQueries: {},
    };
    return new Store(state, now);
  }

  /** The state with the id generator position, ready to persist. */
  snapshot(): WorkspaceState {
    this.state.idGeneratorState = this.ids.state();
    return this.state;
  }

  /** Called around anything that may write: cached query results are dropped. */
  changed(): void {
    this.queries.clear();
  }

  cachedQuery<T>(key: string): T | undefined {
    return this.queries.get(key) as T | undefined;
  }

  cacheQuery(key: string, result: unknown): void {
    this.queries.set(key, result);
  }

  replace(state: WorkspaceState): void {
    this.changed();
    this.state = state;
    this.ids = createIdGenerator(state.idGeneratorState);
  }

  /** A fresh UUID not used by any object. */
  newId(): string {
    for (;;) {
      const id = this.ids.uuid();
      const s = this.state;
      if (!s.pages[id] && !s.blocks[id] && !s.databases[id] && !s.dataSources[id] && !s.views[id]) return id;
    }
  }

  nextSeq(): number {
    return this.state.nextSeq++;
  }

  // ── sharing ──────────────────────────────────────────────────────────────

  isPageShared(page: PageRecord, depth = 0): boolean {
    if (page.shared !== undefined) return page.shared;
    if (depth > 64) return true;
    const parent = page.parent;
    if (parent.type === "page_id") {
      const p = this.state.pages[parent.page_id];
      return p ? this.isPageShared(p, depth + 1) : false;
    }
    if (parent.type === "data_source_id") {
      const ds = this.state.dataSources[parent.data_source_id];
      const db = ds ? this.state.databases[ds.databaseId] : undefined;
      return db ? this.isDatabaseShared(db, depth + 1) : false;
    }
    return true;
  }

  isDatabaseShared(db: DatabaseRecord, depth = 0): boolean {
    if (db.shared !== undefined) return db.shared;
    if (db.parent.type === "page_id") {
      const p = this.state.pages[db.parent.page_id];
      return p ? this.isPageShared(p, depth + 1) : false;
    }
    return true;
  }

  // ── lookups that enforce visibility ──────────────────────────────────────

  accessiblePage(rawId: unknown, path = "path.page_id"): PageRecord {
    const id = requireId(rawId, path);
    const page = this.state.pages[id];
    if (!page || !this.isPageShared(page)) throw objectNotFound("page", id);
    return page;
  }

  accessibleDatabase(rawId: unknown, path = "path.database_id"): DatabaseRecord {
    const id = requireId(rawId, path);
    const db = this.state.databases[id];
    if (!db || !this.isDatabaseShared(db)) throw objectNotFound("database", id);
    return db;
  }

  accessibleDataSource(rawId: unknown, path = "path.data_source_id"): DataSourceRecord {
    const id = requireId(rawId, path);
    const ds = this.state.dataSources[id];
    const db = ds ? this.state.databases[ds.databaseId] : undefined;
    if (!ds || !db || !this.isDatabaseShared(db)) throw objectNotFound("data_source", id);
    return ds;
  }

  accessibleView(rawId: unknown, path = "path.view_id"): ViewRecord {
    const id = requireId(rawId, path);
    const view = this.state.views[id];
    const db = view ? this.state.databases[view.databaseId] : undefined;
    if (!view || !db || !this.isDatabaseShared(db)) throw objectNotFound("view", id);
    return view;
  }

  /** A block, or a page addressed as a block (pages are blocks in Notion). */
  accessibleBlockOrPage(rawId: unknown, path = "path.block_id"): { block?: BlockRecord; page?: PageRecord } {
    const id = requireId(rawId, path);
    const page = this.state.pages[id];
    if (page && this.isPageShared(page)) return { page };
    const block = this.state.blocks[id];
    if (block && this.blockPage(block) && this.isPageShared(this.blockPage(block) as PageRecord))
      return { block };
    throw objectNotFound("block", id);
  }

  /** The page a block ultimately lives on. */
  blockPage(block: BlockRecord): PageRecord | undefined {
    let current: BlockRecord | undefined = block;
    for (let i = 0; current && i < 64; i++) {
      if (current.parent.type === "page_id") return this.state.pages[current.parent.page_id];
      current = this.state.blocks[current.parent.block_id];
    }
    return undefined;
  }

  databaseOf(ds: DataSourceRecord): DatabaseRecord {
    const db = this.state.databases[ds.databaseId];
    if (!db) throw objectNotFound("database", ds.databaseId);
    return db;
  }

  /** Whether writes to rows of this data source are refused because it (or its database) is trashed. */
  assertDataSourceWritable(ds: DataSourceRecord): void {
    if (ds.inTrash || this.databaseOf(ds).inTrash) throw archivedObject();
  }

  dataSourceOfPage(page: PageRecord): DataSourceRecord | undefined {
    return page.parent.type === "data_source_id"
      ? this.state.dataSources[page.parent.data_source_id]
      : undefined;
  }

  /** Pages whose parent is the data source, in creation order. */
  pagesOf(dataSourceId: string): PageRecord[] {
    return Object.values(this.state.pages)
      .filter((p) => p.parent.type === "data_source_id" && p.parent.data_source_id === dataSourceId)
      .sort((a, b) => a.seq - b.seq);
  }
}

export function requireId(raw: unknown, path: string): string {
  const id = normalizeId(raw);
  if (!id) {
    const label = path.startsWith("path.") ? "path" : "body";
    throw validationError(
      `${label} failed validation: ${path} should be a valid uuid, instead was \`${JSON.stringify(raw)}\`.`,
    );
  }
  return id;
}

/**
 * Finds a property by id or name (an id match wins over a name match, as Notion documents); ids
 * may be given URL-encoded or decoded.
 */
export function findProperty(ds: DataSourceRecord, key: string): PropertySchema | undefined {
  const byId = ds.properties.find(
    (p) => p.id === key || safeDecode(p.id) === key || p.id === safeDecode(key),
  );
  return byId ?? ds.properties.find((p) => p.name === key);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
