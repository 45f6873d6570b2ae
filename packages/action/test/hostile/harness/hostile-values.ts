/** Values no vendor should send, and all of them eventually do. */
export const MB = 1024 * 1024;

/** `unit` repeated to `length` UTF-16 code units, never splitting a surrogate pair. */
export function repeatTo(unit: string, length: number): string {
  const text = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  return text.isWellFormed() ? text : text.slice(0, -1);
}

/** Right-to-left override, zero-width characters, a family emoji, combining marks, lone surrogates. */
export const UNICODE_EDGE =
  "R\u202Etl-override \u200Bzero\u200Dwidth \uFEFFbom 👩‍👩‍👧‍👦 e\u0301 \uD800lone \uDC00halves ﷽ 𝕳 ‮";

/** C0/C1 controls, an ANSI escape, CR/LF and a Markdown table row. */
export const CONTROL_CHARS =
  "ctl\u0000nul\u0001\u0007bell \u001b[31mred\u001b[0m\r\n| fake | row |\t\u007fdel\u0085nel";

/** Text that a shell, a workflow expression or a Markdown/HTML renderer would act on. */
export const INJECTION = `\${{ github.token }} $(touch /tmp/notion-ops-pwned) \`id\` ; rm -rf ~ <img src=x onerror=alert(1)> [x](javascript:alert(1)) ::set-output name=x::y`;
