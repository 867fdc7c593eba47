/** Is a mention of an option ruled out by its context ("not C", "C is wrong")? */

const BEFORE = /(?:\bnot|n['’]t|\bno|\bnor|\bneither|rather than|instead of|\bexcept|\bunlike|\bover|\bexclude|\beliminate|\brule out)\s*(?:option|choice|answer)?\s*[([]?\s*$/i;
const AFTER = /^\s*[)\]]?\s*(?:[-–—:,]\s*)?(?:is|was|seems|looks|would be|are)\s+(?:(?:definitely|clearly|also|obviously)\s+)?(?:wrong|incorrect|not\b|false|a distractor|out\b|ruled out|eliminated)|^\s*[)\]]?\s*(?:is|was)n['’]t\b/i;

/** True when the text just before `start` or just after `end` negates the mention between them. */
export function isNegated(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 24), start);
  const after = text.slice(end, end + 40);
  return BEFORE.test(before) || AFTER.test(after);
}
