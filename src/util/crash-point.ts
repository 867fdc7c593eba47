/**
 * Fail points for the crash tests: with BATCHLAB_CRASH_AT=<name> (or <name>#<n> for the
 * n-th time) in the environment, the process kills itself with SIGKILL, like `kill -9`,
 * when it reaches that point. Unset, this is one environment lookup.
 */
const hits = new Map<string, number>();

export function crashPoint(name: string): void {
  const target = process.env.BATCHLAB_CRASH_AT;
  if (!target || !target.startsWith(name)) return;
  const [point, nth = "1"] = target.split("#");
  if (point !== name) return;
  const count = (hits.get(name) ?? 0) + 1;
  hits.set(name, count);
  if (count === Number(nth)) process.kill(process.pid, "SIGKILL");
}
