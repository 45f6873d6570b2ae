import { blockRoutes } from "./handlers/blocks.js";
import { dataSourceRoutes } from "./handlers/data-sources.js";
import { databaseRoutes } from "./handlers/databases.js";
import { pageRoutes } from "./handlers/pages.js";
import { searchRoutes } from "./handlers/search.js";
import { userRoutes } from "./handlers/users.js";
import { viewQueryRoutes } from "./handlers/view-queries.js";
import { viewRoutes } from "./handlers/views.js";
import type { Route } from "./router.js";

/** Every endpoint the emulator implements. */
export const ROUTES: readonly Route[] = [
  ...userRoutes,
  ...pageRoutes,
  ...databaseRoutes,
  ...dataSourceRoutes,
  ...blockRoutes,
  ...searchRoutes,
  ...viewRoutes,
  ...viewQueryRoutes,
];
