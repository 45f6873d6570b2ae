import { renderBotUser } from "../render/user.js";
import type { Route } from "../router.js";

export const userRoutes: Route[] = [
  { method: "GET", pattern: "/v1/users/me", handler: ({ store }) => renderBotUser(store) },
];
