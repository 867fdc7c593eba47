/** A small seeded PRNG (mulberry32), so generated inputs are the same on every machine. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "the of and to in is was that for on with as by at from this which an be are or it have not had " +
  "history energy market climate protein network language theorem river mountain engine circuit " +
  "economy planet molecule poem algorithm bridge harvest vaccine galaxy orbit museum treaty reform " +
  "explain describe compare summarise evaluate why how what when where whether briefly carefully"
).split(" ");

/** Words outside ASCII: Latin-1 ones, and ones (CJK, dashes, curly quotes) that make a JS string two-byte. */
const OTHER_WORDS = ["café", "naïve", "Zürich", "São Paulo", "Kraków", "東京", "数据", "—", "“quoted”", "résumé"];

export const TOPICS = ["physics", "biology", "history", "economics", "literature", "geography", "chemistry", "computing"];

/**
 * Words joined until the text reaches `length` characters: English-like ASCII text, where
 * a share `otherRate` of texts has one word from outside ASCII in it (as real prompts do now
 * and then).
 */
export function sentence(random, length, otherRate = 0.1) {
  let text = "";
  while (text.length < length) {
    text += (text ? " " : "") + WORDS[Math.floor(random() * WORDS.length)];
  }
  if (random() < otherRate) {
    const at = text.indexOf(" ", Math.floor(random() * text.length));
    const word = OTHER_WORDS[Math.floor(random() * OTHER_WORDS.length)];
    if (at > 0) text = `${text.slice(0, at)} ${word}${text.slice(at)}`;
  }
  return text;
}
