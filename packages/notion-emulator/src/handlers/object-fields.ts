import { invalid, invalidAt, isObject, requireObject } from "../validation/json.js";
import { MAX_URL } from "../validation/property-values.js";

/** `icon`: an emoji, an external image or a file upload; `null` removes it. */
export function parseIcon(value: unknown, path: string): unknown {
  if (value === null) return null;
  const icon = requireObject(value, path);
  if (typeof icon.emoji === "string") return { type: "emoji", emoji: icon.emoji };
  if (icon.external !== undefined)
    return { type: "external", external: { url: externalUrl(icon.external, `${path}.external`) } };
  if (isObject(icon.file_upload))
    return { type: "file_upload", file_upload: { id: String(icon.file_upload.id) } };
  if (isObject(icon.custom_emoji) || isObject(icon.icon)) return structuredClone(icon);
  throw invalidAt(path, "should be an emoji, external, file_upload, custom_emoji or icon object.");
}

/** `cover`: an external image or a file upload; `null` removes it. */
export function parseCover(value: unknown, path: string): unknown {
  if (value === null) return null;
  const cover = requireObject(value, path);
  if (cover.external !== undefined)
    return { type: "external", external: { url: externalUrl(cover.external, `${path}.external`) } };
  if (isObject(cover.file_upload))
    return { type: "file_upload", file_upload: { id: String(cover.file_upload.id) } };
  throw invalidAt(path, "should be an external or file_upload object.");
}

function externalUrl(value: unknown, path: string): string {
  const ext = requireObject(value, path);
  if (typeof ext.url !== "string" || ext.url.length === 0)
    throw invalid(`${path}.url`, "should be a non-empty string", ext.url);
  if (ext.url.length > MAX_URL)
    throw invalid(`${path}.url.length`, `should be ≤ \`${MAX_URL}\``, ext.url.length);
  return ext.url;
}

/** `in_trash`, or its deprecated alias `archived`. */
export function parseTrashFlag(body: Record<string, unknown>): boolean | undefined {
  for (const key of ["in_trash", "archived"] as const) {
    const v = body[key];
    if (v === undefined) continue;
    if (typeof v !== "boolean") throw invalid(`body.${key}`, "should be a boolean", v);
    return v;
  }
  return undefined;
}

export function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const v = body[key];
  if (v === undefined) return undefined;
  if (typeof v !== "boolean") throw invalid(`body.${key}`, "should be a boolean", v);
  return v;
}

/** Request fields the emulator recognizes but does not implement: refused rather than ignored. */
export function refuseUnsupported(body: Record<string, unknown>, keys: readonly string[]): void {
  for (const key of keys) {
    if (body[key] !== undefined) throw invalidAt(`body.${key}`, "is not supported by notion-emulator.");
  }
}
