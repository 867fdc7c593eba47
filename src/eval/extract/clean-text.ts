/** Take markdown and LaTeX decoration off a model's answer, keeping the words and line breaks. */

/** `**B**`, `__B__`, `` `B` ``, `# Answer`, `> B`, `$\text{B}$` → plain text; spaces collapsed per line. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/\\text(?:bf)?\{([^{}]*)\}/g, "$1")
    .replace(/\$+/g, " ")
    .replace(/\*+|`+|~~|__+/g, "")
    .replace(/^[ \t]*(?:#{1,6}|>+)[ \t]*/gm, "")
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .join("\n")
    .trim();
}
