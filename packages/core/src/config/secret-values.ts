/**
 * Secrets never live in the config file. A value that looks like a Notion integration token is
 * refused with a message saying where it belongs.
 */
const NOTION_TOKEN = /^(ntn_|secret_)[A-Za-z0-9]{20,}$/;

export interface SecretFinding {
  path: (string | number)[];
  message: string;
}

export function findSecretValues(value: unknown, path: (string | number)[] = []): SecretFinding[] {
  if (typeof value === "string") {
    return NOTION_TOKEN.test(value.trim())
      ? [
          {
            path,
            message:
              "looks like a Notion token; secrets never go in the config file: set the NOTION_TOKEN environment variable (in GitHub Actions, the `notion-token` input from a repository secret)",
          },
        ]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => findSecretValues(item, [...path, i]));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => findSecretValues(v, [...path, k]));
  }
  return [];
}
