// Lets Node 24 run the workspace's TypeScript sources directly (it strips types natively):
// sources import siblings as `./x.js` (NodeNext style), so a missing `.js` is retried as `.ts`.
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      try {
        return await next(specifier, context);
      } catch (error) {
        if (error?.code !== "ERR_MODULE_NOT_FOUND" || !/\\.js$/.test(specifier) || !/^(\\.|file:)/.test(specifier)) throw error;
        return next(specifier.replace(/\\.js$/, ".ts"), context);
      }
    }
  `)}`,
);
