import type { Store } from "../store.js";

export interface PartialUser {
  object: "user";
  id: string;
}

export function botRef(store: Store): PartialUser {
  return { object: "user", id: store.state.botId };
}

export const WORKSPACE_NAME = "Emulated Workspace";

/** `GET /v1/users/me`: the integration's bot user. */
export function renderBotUser(store: Store): Record<string, unknown> {
  return {
    object: "user",
    id: store.state.botId,
    name: "notion-emulator",
    avatar_url: null,
    type: "bot",
    bot: {
      owner: { type: "workspace", workspace: true },
      workspace_id: store.state.workspaceId,
      workspace_limits: { max_file_upload_size_in_bytes: 5_242_880 },
      workspace_name: WORKSPACE_NAME,
    },
  };
}
