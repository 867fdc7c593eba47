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
  "explain describe compare summarise evaluate why how what when where whether briefly carefully " +
  "café naïve résumé Zürich São Paulo Kraków 東京 数据 ünïcödé"
).split(" ");

export const TOPICS = ["physics", "biology", "history", "economics", "literature", "geography", "chemistry", "computing"];

/** Words joined until the text reaches `length` characters. */
export function sentence(random, length) {
  let text = "";
  while (text.length < length) {
    text += (text ? " " : "") + WORDS[Math.floor(random() * WORDS.length)];
  }
  return text;
}
