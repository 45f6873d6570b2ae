const MASK = "***";

/** Shorter base64 fragments could match ordinary text; secrets worth masking are longer anyway. */
const MIN_BASE64_FRAGMENT = 12;

/**
 * Remembers every secret value a run is given and removes them from any text before it is
 * shown anywhere (logs, summaries, error messages, Notion pages). Also masks the forms a secret
 * takes on the way out: URL- and form-encoded (a logged URL or form body), JSON-escaped, and
 * base64 at each of the three alignments it can have inside a longer base64 text (a Basic
 * authorization header, a proxy's echo of one), as GitHub's runner does.
 */
export class SecretMasker {
  readonly #secrets = new Set<string>();
  #ordered: string[] = [];

  /** Registers a secret; returns true if it was new. Values shorter than 4 characters are ignored. */
  add(value: string | undefined | null): boolean {
    if (!value) return false;
    const trimmed = value.trim();
    if (trimmed.length < 4) return false;
    const before = this.#secrets.size;
    for (const form of [value, ...encodedForms(trimmed)]) this.#secrets.add(form);
    if (this.#secrets.size === before) return false;
    this.#ordered = [...this.#secrets].sort((a, b) => b.length - a.length);
    return true;
  }

  get values(): readonly string[] {
    return this.#ordered;
  }

  mask(text: string): string {
    let out = text;
    for (const secret of this.#ordered) {
      if (out.includes(secret)) out = out.split(secret).join(MASK);
    }
    return out;
  }
}

function encodedForms(secret: string): string[] {
  const forms = [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
  ];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.from(`${"\0".repeat(offset)}${secret}`, "utf8").toString("base64");
    // Drop the characters that also depend on the bytes around the secret.
    const fragment = encoded.slice(offset === 0 ? 0 : offset + 1, -4);
    if (fragment.length < MIN_BASE64_FRAGMENT) continue;
    forms.push(fragment, fragment.replaceAll("+", "-").replaceAll("/", "_"));
  }
  return forms;
}
