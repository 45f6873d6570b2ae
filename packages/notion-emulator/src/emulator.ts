import { randomInt } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { systemNow } from "./clock.js";
import { FaultInjector, type FaultOptions, type ScriptedFault } from "./faults.js";
import { createIdGenerator } from "./id-generator.js";
import { normalizeId } from "./ids.js";
import { DEFAULT_HOST, DEFAULT_RATE_LIMIT, DEFAULT_TOKEN, type NotionEmulatorOptions } from "./options.js";
import { loadState, saveState } from "./persistence.js";
import { DEFAULT_QUERY_RESULT_LIMIT } from "./query/data-source-query.js";
import { RateLimiter } from "./rate-limiter.js";
import { renderBlock } from "./render/block.js";
import { renderDatabase, renderDataSource } from "./render/database.js";
import { type PageObject, pageTitleText, renderPage } from "./render/page.js";
import { renderView } from "./render/view.js";
import { textItem } from "./rich-text.js";
import { ROUTES } from "./routes.js";
import { planSchemaUpdate } from "./schema/schema-update.js";
import { createRequestListener } from "./server.js";
import type { NotionPlan, RuntimeSettings } from "./settings.js";
import type { PageRecord, PropertyType, WorkspaceState } from "./state.js";
import { type EmulatorStats, type RequestLogEntry, StatsRecorder } from "./stats.js";
import { findProperty, Store } from "./store.js";
import { removeWidget } from "./views/dashboard-layout.js";

/** Thrown by the test helpers when they are given something that does not exist. */
export class EmulatorUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmulatorUsageError";
  }

  static is(error: unknown): error is EmulatorUsageError {
    return error instanceof EmulatorUsageError;
  }
}

export interface InternalErrorRecord {
  time: number;
  endpoint: string;
  message: string;
}

export interface NotionEmulator {
  /** Base URL for `new Client({ baseUrl })`, e.g. `http://127.0.0.1:43121` (the SDK appends `/v1/`). */
  readonly url: string;
  readonly port: number;
  /** The token clients must send. */
  readonly token: string;
  /** Stops listening, cancels delayed responses and saves to `stateFile` if one is set. */
  stop(): Promise<void>;
  /** Writes the workspace to `file` (default: the `stateFile` option). */
  save(file?: string): Promise<void>;
  stats(): EmulatorStats;
  requestLog(): RequestLogEntry[];
  resetStats(): void;
  /** Replaces the fault options (restarting the fault PRNG from its seed); undefined turns faults off. */
  setFaults(faults: FaultOptions | undefined): void;
  /** Appends scripted faults (e.g. the next 3 `POST /v1/pages` fail with 500). */
  queueFaults(...faults: ScriptedFault[]): void;
  /** Changes the token bucket; 0 or Infinity disables it. */
  setRateLimit(rate: number, burst?: number): void;
  setPlan(plan: NotionPlan): void;
  setQueryResultLimit(limit: number): void;
  /** Unexpected exceptions inside handlers (answered as 500); empty unless the emulator has a bug. */
  internalErrors(): InternalErrorRecord[];

  /** Creates a top-level page (workspace parent) to build under; returns its id. Unshared pages answer 404. */
  createParentPage(title: string, options?: { shared?: boolean }): string;
  /** The id of a top-level page with exactly this title, if any. */
  findParentPage(title: string): string | undefined;
  /** Rows of a data source as the API would return them (trashed rows only if asked). */
  pages(dataSourceId: string, options?: { includeTrashed?: boolean }): PageObject[];
  page(id: string): PageObject | undefined;
  databases(): Record<string, unknown>[];
  dataSources(): Record<string, unknown>[];
  /** All views, or the tabs of one database in tab order. */
  views(databaseId?: string): Record<string, unknown>[];
  /** Direct children of a page or block, in order. */
  blockChildren(parentId: string): Record<string, unknown>[];
  /** A deep copy of the whole workspace state. */
  snapshot(): WorkspaceState;

  /** Deletes a database for good (as if removed from the trash): it, its data sources, rows and views answer 404. */
  deleteDatabase(databaseId: string): void;
  removeProperty(dataSourceId: string, propertyName: string): void;
  renameProperty(dataSourceId: string, propertyName: string, newName: string): void;
  /** Changes a property's type (existing values of it are cleared). */
  retypeProperty(
    dataSourceId: string,
    propertyName: string,
    type: PropertyType,
    config?: Record<string, unknown>,
  ): void;
  removeSelectOption(dataSourceId: string, propertyName: string, optionName: string): void;
  /** Shares or unshares a page or database with the integration (children inherit). */
  setShared(id: string, shared: boolean): void;
  /** Deletes a view directly (no last-view guard). */
  removeView(viewId: string): void;
}

/** Starts the emulator on 127.0.0.1 (port 0 = a free port). */
export async function startNotionEmulator(options: NotionEmulatorOptions = {}): Promise<NotionEmulator> {
  const now = options.now ?? systemNow;
  const seed = options.seed ?? randomInt(0, 2 ** 31);
  const loaded = options.stateFile ? await loadState(options.stateFile) : undefined;
  const store = loaded ? new Store(loaded, now) : Store.empty(seed, now);
  const settings: RuntimeSettings = {
    plan: options.plan ?? "business",
    queryResultLimit: options.queryResultLimit ?? DEFAULT_QUERY_RESULT_LIMIT,
  };
  const limiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, options.burst, now);
  const faults = new FaultInjector(options.faults, options.seed ?? 1, now);
  const stats = new StatsRecorder({ logLimit: options.requestLogLimit });
  const token = options.token ?? DEFAULT_TOKEN;
  const timers = new Set<NodeJS.Timeout>();
  const internal: InternalErrorRecord[] = [];

  const listener = createRequestListener({
    store,
    routes: ROUTES,
    settings,
    limiter,
    faults,
    stats,
    auth: { token, anyToken: options.anyToken === true },
    now,
    requestIds: createIdGenerator((seed ^ 0x5bd1e995) >>> 0),
    schedule: (ms, fn) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
    },
    onInternalError: (error, entry) => {
      internal.push({
        time: entry.time,
        endpoint: entry.endpoint,
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    },
  });
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? DEFAULT_HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  const dataSource = (id: string) => {
    const ds = store.state.dataSources[normalizeId(id) ?? id];
    if (!ds) throw new EmulatorUsageError(`No data source with id ${id}.`);
    return ds;
  };
  const changeSchema = (dataSourceId: string, properties: Record<string, unknown>) => {
    const ds = dataSource(dataSourceId);
    planSchemaUpdate(ds, properties, "properties", store)();
  };
  const requireProperty = (dataSourceId: string, name: string) => {
    const prop = findProperty(dataSource(dataSourceId), name);
    if (!prop) throw new EmulatorUsageError(`Data source ${dataSourceId} has no property ${name}.`);
    return prop;
  };
  let stopped = false;

  const emulator: NotionEmulator = {
    url: `http://${host}:${address.port}`,
    port: address.port,
    token,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (options.stateFile) await saveState(options.stateFile, store.snapshot());
    },
    async save(file) {
      const target = file ?? options.stateFile;
      if (!target)
        throw new EmulatorUsageError("save() needs a file: pass one or start the emulator with stateFile.");
      await saveState(target, store.snapshot());
    },
    stats: () => stats.snapshot(),
    requestLog: () => stats.entries(),
    resetStats: () => stats.reset(),
    setFaults: (f) => faults.configure(f),
    queueFaults: (...f) => faults.enqueue(f),
    setRateLimit: (rate, burst) => limiter.configure(rate, burst),
    setPlan: (plan) => {
      settings.plan = plan;
    },
    setQueryResultLimit: (limit) => {
      settings.queryResultLimit = limit;
    },
    internalErrors: () => internal.map((e) => ({ ...e })),

    createParentPage(title, pageOptions = {}) {
      const at = now();
      const page: PageRecord = {
        id: store.newId(),
        parent: { type: "workspace", workspace: true },
        values: { title: [textItem(title)] },
        inTrash: false,
        isLocked: false,
        icon: null,
        cover: null,
        createdTime: at,
        lastEditedTime: at,
        seq: store.nextSeq(),
        shared: pageOptions.shared ?? true,
        childIds: [],
      };
      store.state.pages[page.id] = page;
      return page.id;
    },
    findParentPage: (title) =>
      Object.values(store.state.pages).find(
        (p) => p.parent.type === "workspace" && !p.inTrash && pageTitleText(store, p) === title,
      )?.id,
    pages: (dataSourceId, pageOptions = {}) =>
      store
        .pagesOf(dataSource(dataSourceId).id)
        .filter((p) => pageOptions.includeTrashed || !p.inTrash)
        .map((p) => renderPage(store, p)),
    page: (id) => {
      const page = store.state.pages[normalizeId(id) ?? id];
      return page ? renderPage(store, page) : undefined;
    },
    databases: () => Object.values(store.state.databases).map((db) => renderDatabase(store, db)),
    dataSources: () => Object.values(store.state.dataSources).map((ds) => renderDataSource(store, ds)),
    views: (databaseId) => {
      if (databaseId === undefined) return Object.values(store.state.views).map((v) => renderView(store, v));
      const db = store.state.databases[normalizeId(databaseId) ?? databaseId];
      if (!db) throw new EmulatorUsageError(`No database with id ${databaseId}.`);
      return db.viewIds.flatMap((id) => {
        const view = store.state.views[id];
        return view ? [renderView(store, view)] : [];
      });
    },
    blockChildren: (parentId) => {
      const id = normalizeId(parentId) ?? parentId;
      const ids = store.state.pages[id]?.childIds ?? store.state.blocks[id]?.childIds;
      if (!ids) throw new EmulatorUsageError(`No page or block with id ${parentId}.`);
      return ids.flatMap((childId) => {
        const block = store.state.blocks[childId];
        return block && !block.inTrash ? [renderBlock(store, block)] : [];
      });
    },
    snapshot: () => structuredClone(store.snapshot()),

    deleteDatabase(databaseId) {
      const id = normalizeId(databaseId) ?? databaseId;
      const db = store.state.databases[id];
      if (!db) throw new EmulatorUsageError(`No database with id ${databaseId}.`);
      for (const dsId of db.linked ? [] : db.dataSourceIds) {
        for (const page of store.pagesOf(dsId)) delete store.state.pages[page.id];
        delete store.state.dataSources[dsId];
      }
      for (const view of Object.values(store.state.views)) {
        if (view.databaseId === id || (view.dataSourceId && !store.state.dataSources[view.dataSourceId]))
          delete store.state.views[view.id];
      }
      delete store.state.databases[id];
      const block = store.state.blocks[id];
      if (block) {
        delete store.state.blocks[id];
        if (block.parent.type === "page_id") {
          const parent = store.state.pages[block.parent.page_id];
          if (parent) parent.childIds = parent.childIds.filter((c) => c !== id);
        }
      }
    },
    removeProperty(dataSourceId, propertyName) {
      const prop = requireProperty(dataSourceId, propertyName);
      changeSchema(dataSourceId, { [prop.id]: null });
    },
    renameProperty(dataSourceId, propertyName, newName) {
      const prop = requireProperty(dataSourceId, propertyName);
      changeSchema(dataSourceId, { [prop.id]: { name: newName } });
    },
    retypeProperty(dataSourceId, propertyName, type, config = {}) {
      const prop = requireProperty(dataSourceId, propertyName);
      changeSchema(dataSourceId, { [prop.id]: { [type]: config } });
    },
    removeSelectOption(dataSourceId, propertyName, optionName) {
      const prop = requireProperty(dataSourceId, propertyName);
      const options = prop.options ?? [];
      if (!options.some((o) => o.name === optionName)) {
        throw new EmulatorUsageError(`Property ${propertyName} has no option ${optionName}.`);
      }
      if (prop.type === "status") {
        const removed = options.find((o) => o.name === optionName)?.id;
        prop.options = options.filter((o) => o.id !== removed);
        for (const g of prop.groups ?? []) g.option_ids = g.option_ids.filter((o) => o !== removed);
        for (const page of store.pagesOf(dataSource(dataSourceId).id))
          if (page.values[prop.id] === removed) page.values[prop.id] = null;
        return;
      }
      changeSchema(dataSourceId, {
        [prop.id]: {
          [prop.type]: { options: options.filter((o) => o.name !== optionName).map((o) => ({ id: o.id })) },
        },
      });
    },
    setShared(id, shared) {
      const key = normalizeId(id) ?? id;
      const target = store.state.pages[key] ?? store.state.databases[key];
      if (!target) throw new EmulatorUsageError(`No page or database with id ${id}.`);
      target.shared = shared;
    },
    removeView(viewId) {
      const id = normalizeId(viewId) ?? viewId;
      const view = store.state.views[id];
      if (!view) throw new EmulatorUsageError(`No view with id ${viewId}.`);
      const db = store.state.databases[view.databaseId];
      if (db) db.viewIds = db.viewIds.filter((v) => v !== id);
      if (view.dashboardViewId) {
        const dashboard = store.state.views[view.dashboardViewId];
        if (dashboard) dashboard.rows = removeWidget(dashboard.rows ?? [], id);
      }
      delete store.state.views[id];
    },
  };
  return invalidatingQueries(emulator, store);
}

/** Every direct call may change the workspace, so each drops the cached query results, before and after. */
function invalidatingQueries(emulator: NotionEmulator, store: Store): NotionEmulator {
  const wrapped: Record<string, unknown> = { ...emulator };
  for (const [name, value] of Object.entries(emulator)) {
    if (typeof value !== "function") continue;
    wrapped[name] = (...args: unknown[]) => {
      store.changed();
      try {
        return value(...args);
      } finally {
        store.changed();
      }
    };
  }
  return wrapped as unknown as NotionEmulator;
}
