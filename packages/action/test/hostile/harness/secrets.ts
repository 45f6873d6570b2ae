/**
 * The secrets every hostile test runs with, shaped like the real ones (and with the characters
 * that encodings treat differently: `+ / = ~`), and a scanner for every form they can leak in.
 */
export const SECRETS = {
  NOTION_TOKEN: "ntn_H0stileSuiteNotionToken5Kq8Zr2Lm7Wv4Yt9Xa3Bc",
  UNIFI_API_KEY: "uNfK-7Hq2+ZpX9/vR4sT1uW=hostileKey",
  NINJAONE_CLIENT_SECRET: "nj1S3cr3t+Hostile/Client~Secret=Value",
  AZURE_CLIENT_SECRET: "Az8Q~Hostile.Client_Secret-Value~42xY",
  GITHUB_TOKEN: "ghs_HostileSuiteGithubToken0123456789AbCd",
} as const;

export type SecretName = keyof typeof SECRETS;

/** Every form of `secret` that would let a reader recover it. */
export function leakForms(secret: string): { form: string; text: string }[] {
  const forms = [
    { form: "raw", text: secret },
    { form: "url-encoded", text: encodeURIComponent(secret) },
    { form: "form-encoded", text: new URLSearchParams({ s: secret }).toString().slice(2) },
    { form: "json-escaped", text: JSON.stringify(secret).slice(1, -1) },
  ];
  // Base64 at each of the three alignments the secret can have inside a longer encoded text,
  // less the characters that depend on its neighbours (how GitHub's own runner masks base64).
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.from(`${"x".repeat(offset)}${secret}`, "utf8").toString("base64");
    const core = encoded.slice(offset === 0 ? 0 : Math.ceil((offset * 4) / 3) + 1, -4);
    forms.push({ form: `base64@${offset}`, text: core });
    forms.push({ form: `base64url@${offset}`, text: core.replaceAll("+", "-").replaceAll("/", "_") });
  }
  const seen = new Set<string>();
  return forms.filter((f) => f.text.length >= 8 && !seen.has(f.text) && seen.add(f.text));
}

export interface Leak {
  secret: SecretName;
  form: string;
  where: string;
  context: string;
}

/** Looks for every form of every secret in each named text; returns what it found, with context. */
export function findLeaks(texts: Record<string, string>, secrets = SECRETS): Leak[] {
  const leaks: Leak[] = [];
  for (const [where, text] of Object.entries(texts)) {
    for (const [name, secret] of Object.entries(secrets) as [SecretName, string][]) {
      for (const { form, text: needle } of leakForms(secret)) {
        const at = text.indexOf(needle);
        if (at >= 0) {
          leaks.push({
            secret: name,
            form,
            where,
            context: text.slice(Math.max(0, at - 80), at + needle.length + 40),
          });
        }
      }
    }
  }
  return leaks;
}
