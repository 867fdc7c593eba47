/**
 * Samples the emulator's served requests and tokens for one model once a second, so the
 * benchmark can see the rate over time: the steady middle of the run, and the most served
 * in any 60-second window (what "stays under the limit" means to a per-minute limit).
 */

/** Start sampling `emulator.usage().openai[model]`; `stop()` returns the samples. */
export function sampleUsage(emulator, model, everyMs = 1_000) {
  const started = performance.now();
  const samples = [];
  const take = () => {
    const usage = emulator.usage().openai?.[model];
    const stats = emulator.stats().openai;
    samples.push({
      seconds: (performance.now() - started) / 1000,
      requests: usage?.requests ?? 0,
      tokens: usage?.tokens ?? 0,
      attempts: stats.requests,
    });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

/**
 * Rates from the samples: per minute over the middle of the active span (from the first
 * served answer, `trimSeconds` cut from each end), and the most in any 60 s window.
 */
export function summariseSamples(samples, trimSeconds = 10) {
  const active = samples.filter((sample, index) => index === 0 || sample.requests > 0);
  const first = active.find((sample) => sample.requests > 0) ?? active[0];
  const last = active.at(-1);
  const middle = active.filter((sample) => sample.seconds >= first.seconds + trimSeconds && sample.seconds <= last.seconds - trimSeconds);
  const steady = (field) => {
    if (middle.length < 2) return null;
    const [from, to] = [middle[0], middle.at(-1)];
    return Math.round(((to[field] - from[field]) * 60) / (to.seconds - from.seconds));
  };
  const window = (field) => {
    let most = null;
    for (let start = 0; start < samples.length; start++) {
      const end = samples.findIndex((sample) => sample.seconds >= samples[start].seconds + 60);
      if (end === -1) break;
      // Scale to exactly 60 s (samples are about a second apart, not exactly).
      const span = samples[end].seconds - samples[start].seconds;
      const count = ((samples[end][field] - samples[start][field]) * 60) / span;
      most = Math.max(most ?? 0, Math.round(count));
    }
    return most;
  };
  return {
    steady_requests_per_minute: steady("requests"),
    steady_tokens_per_minute: steady("tokens"),
    steady_attempts_per_minute: steady("attempts"),
    max_requests_in_60s: window("requests"),
    max_tokens_in_60s: window("tokens"),
    max_attempts_in_60s: window("attempts"),
    first_answer_after_seconds: round(first.seconds),
  };
}

function round(value) {
  return Math.round(value * 10) / 10;
}
