const MASK = "***";

/**
 * Remembers every secret value a run is given and removes them from any text before it is
 * shown anywhere (logs, summaries, error messages, Notion pages). Also masks the URL-encoded
 * form, which is how a secret leaks through a logged URL or form body.
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
    for (const form of [value, trimmed, encodeURIComponent(trimmed)]) this.#secrets.add(form);
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
