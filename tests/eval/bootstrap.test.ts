import { describe, expect, it } from "vitest";
import { bootstrapInterval, bootstrapMeanInterval, percentileInterval, quantile } from "../../src/eval/bootstrap.js";
import { mean } from "../../src/eval/metrics/accuracy.js";
import { binomialDraw, multinomialDraw } from "../../src/eval/binomial.js";
import { mulberry32 } from "../../src/eval/random.js";

const coinFlips = Array.from({ length: 100 }, (_, index) => (index % 2 === 0 ? 1 : 0));
/** 50 different scores in [0, 1]. */
const scores = Array.from({ length: 50 }, (_, index) => ((index * 37) % 101) / 100);

describe("the seeded PRNG", () => {
  it("repeats its sequence for a seed and differs for another", () => {
    const first = mulberry32(7);
    const again = mulberry32(7);
    const other = mulberry32(8);
    const a = [first(), first(), first()];
    expect([again(), again(), again()]).toEqual(a);
    expect([other(), other(), other()]).not.toEqual(a);
  });

  it("draws uniformly from [0, 1)", () => {
    const random = mulberry32(1);
    const draws = Array.from({ length: 20_000 }, () => random());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(mean(draws)).toBeCloseTo(0.5, 1);
  });
});

describe("percentile bootstrap intervals", () => {
  it("interpolates quantiles like numpy's default", () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    const hundred = Array.from({ length: 100 }, (_, index) => index + 1);
    const interval = percentileInterval(hundred, 0.95);
    expect(interval.low).toBeCloseTo(3.475, 12);
    expect(interval.high).toBeCloseTo(97.525, 12);
  });

  it("is identical for the same seed and different for another seed", () => {
    const first = bootstrapMeanInterval(scores, { seed: 1 });
    expect(bootstrapMeanInterval(scores, { seed: 1 })).toEqual(first);
    expect(bootstrapMeanInterval(scores, { seed: 2 })).not.toEqual(first);
  });

  it("uses the default seed 42 and 1000 resamples when none is given", () => {
    expect(bootstrapMeanInterval(coinFlips)).toEqual(bootstrapMeanInterval(coinFlips, { seed: 42, resamples: 1000 }));
  });

  it("takes the 2.5th and 97.5th percentiles of means of rows drawn with mulberry32", () => {
    // An independent re-computation of the documented method (many distinct values: rows are drawn).
    const random = mulberry32(5);
    const means: number[] = [];
    for (let draw = 0; draw < 200; draw++) {
      let total = 0;
      for (let index = 0; index < scores.length; index++) total += scores[Math.floor(random() * scores.length)];
      means.push(total / scores.length);
    }
    means.sort((left, right) => left - right);
    const interval = bootstrapMeanInterval(scores, { seed: 5, resamples: 200 });
    expect(interval.low).toBeCloseTo(quantile(means, 0.025), 12);
    expect(interval.high).toBeCloseTo(quantile(means, 0.975), 12);
  });

  it("gives the same interval for right/wrong rows in any order", () => {
    const reversed = [...coinFlips].reverse();
    const sorted = [...coinFlips].sort();
    expect(bootstrapMeanInterval(reversed)).toEqual(bootstrapMeanInterval(coinFlips));
    expect(bootstrapMeanInterval(sorted)).toEqual(bootstrapMeanInterval(coinFlips));
  });

  it("brackets a proportion of 0.5 over 100 rows by about ±0.1", () => {
    const { low, high } = bootstrapMeanInterval(coinFlips);
    expect(low).toBeGreaterThan(0.35);
    expect(low).toBeLessThan(0.45);
    expect(high).toBeGreaterThan(0.55);
    expect(high).toBeLessThan(0.65);
  });

  it("gives the same interval through the generic path with a mean statistic", () => {
    const generic = bootstrapInterval(scores, (sample) => mean(sample as number[]), { seed: 3 });
    const fast = bootstrapMeanInterval(scores, { seed: 3 });
    expect(generic.low).toBeCloseTo(fast.low!, 12);
    expect(generic.high).toBeCloseTo(fast.high!, 12);
  });

  it("collapses to the value when every row is the same, and is null without rows or resamples", () => {
    expect(bootstrapMeanInterval([1, 1, 1])).toEqual({ low: 1, high: 1 });
    expect(bootstrapMeanInterval([])).toEqual({ low: null, high: null });
    expect(bootstrapMeanInterval(coinFlips, { resamples: 0 })).toEqual({ low: null, high: null });
  });

  it("widens with a higher confidence level", () => {
    const narrow = bootstrapMeanInterval(coinFlips, { confidence: 0.5 });
    const wide = bootstrapMeanInterval(coinFlips, { confidence: 0.99 });
    expect(wide.high! - wide.low!).toBeGreaterThan(narrow.high! - narrow.low!);
  });

  it("rejects a confidence outside (0, 1) and fractional resamples", () => {
    expect(() => bootstrapMeanInterval(coinFlips, { confidence: 95 })).toThrow(/between 0 and 1/);
    expect(() => bootstrapMeanInterval(coinFlips, { resamples: 1.5 })).toThrow(/whole number/);
  });
});

describe("binomial and multinomial draws", () => {
  it("draws Binomial(10, 0.3) with the exact probabilities", () => {
    const random = mulberry32(11);
    const draws = 200_000;
    const seen = new Array(11).fill(0);
    for (let draw = 0; draw < draws; draw++) seen[binomialDraw(random, 10, 0.3)]++;
    let choose = 1;
    for (let k = 0; k <= 10; k++) {
      const exact = choose * 0.3 ** k * 0.7 ** (10 - k);
      expect(Math.abs(seen[k] / draws - exact), `k = ${k}`).toBeLessThan(0.004);
      choose = (choose * (10 - k)) / (k + 1);
    }
  });

  it("has mean np and variance np(1-p) for a large n", () => {
    const random = mulberry32(12);
    const draws = Array.from({ length: 20_000 }, () => binomialDraw(random, 200_000, 0.2));
    const average = mean(draws)!;
    const variance = mean(draws.map((value) => (value - average) ** 2))!;
    expect(Math.abs(average - 40_000)).toBeLessThan(5);
    expect(variance / 32_000).toBeGreaterThan(0.95);
    expect(variance / 32_000).toBeLessThan(1.05);
  });

  it("handles the edges p = 0, p = 1 and n = 0", () => {
    const random = mulberry32(1);
    expect([binomialDraw(random, 5, 0), binomialDraw(random, 5, 1), binomialDraw(random, 0, 0.5)]).toEqual([0, 5, 0]);
  });

  it("splits n rows over the categories in proportion to their weights", () => {
    const random = mulberry32(13);
    const totals = [0, 0, 0];
    const counts = new Float64Array(3);
    for (let draw = 0; draw < 2000; draw++) {
      multinomialDraw(random, 1000, [1, 2, 7], counts);
      expect(counts[0] + counts[1] + counts[2]).toBe(1000);
      counts.forEach((count, index) => (totals[index] += count));
    }
    expect(totals.map((total) => total / 2_000_000)).toEqual([expect.closeTo(0.1, 2), expect.closeTo(0.2, 2), expect.closeTo(0.7, 2)]);
  });
});
