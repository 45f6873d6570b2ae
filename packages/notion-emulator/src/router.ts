import type { RuntimeSettings } from "./settings.js";
import type { Store } from "./store.js";
import type { JsonObject } from "./validation/json.js";

export interface RequestContext {
  store: Store;
  settings: RuntimeSettings;
  params: Record<string, string>;
  query: URLSearchParams;
  body: JsonObject;
}

/** Returns the JSON body of a 200 response, or throws a NotionApiError. */
export type Handler = (ctx: RequestContext) => unknown;

export interface Route {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** e.g. `/v1/pages/:page_id`; also the endpoint name in stats (`PATCH /v1/pages/:page_id`). */
  pattern: string;
  handler: Handler;
  /** Creates an object; eligible for the `ambiguous_create` fault. */
  creates?: boolean;
  /** Writes nothing although not a GET (a query); every other non-GET request counts as a write. */
  readOnly?: boolean;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export function endpointName(route: Route): string {
  return `${route.method} ${route.pattern}`;
}

/** Finds the route for a method and path; path parameters are returned raw (decoded). */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  pathname: string,
): RouteMatch | undefined {
  const parts = pathname.replace(/\/+$/, "").split("/");
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.pattern.split("/");
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      const seg = pattern[i] as string;
      const actual = parts[i] as string;
      if (seg.startsWith(":")) {
        try {
          params[seg.slice(1)] = decodeURIComponent(actual);
        } catch {
          ok = false;
        }
        ok &&= actual.length > 0;
      } else ok = seg === actual;
    }
    if (ok) return { route, params };
  }
  return undefined;
}
