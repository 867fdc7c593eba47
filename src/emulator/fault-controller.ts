/**
 * Decides, per surface request, which faults fire: scripted ones first, then rate rules drawn
 * from a seeded generator (reset whenever the settings change, so a run is reproducible).
 */
import { BATCH_FAULT_KINDS, formatRules, type BatchFaultKind, type FaultSpec, type ScriptedFault } from "./faults.js";
import { createRandom, type Random } from "./random.js";

/** What to do to one request. */
export interface RequestFaults {
  /** Destroy the socket before handling (nothing happened). */
  drop: boolean;
  /** Answer with this error status instead of handling. */
  status?: 429 | 500 | 503;
  /** Delay the response by this much. */
  delayMs: number;
  /** Handle fully, then destroy the socket without answering. */
  dropAfter: boolean;
  /** Answer with the surface's non-retryable quota error (the `quota` fault). */
  quota?: true;
  /** How many faults fired (for `faults_injected`). */
  injected: number;
}

const NO_FAULTS: RequestFaults = { drop: false, delayMs: 0, dropAfter: false, injected: 0 };

export class FaultController {
  private spec: FaultSpec = { rules: [], script: [] };
  private random: Random;

  constructor(private readonly seed: number, spec?: FaultSpec) {
    this.random = createRandom(seed);
    if (spec) this.set(spec);
  }

  /** Replaces every fault setting and restarts the seeded sequence. */
  set(spec: FaultSpec): void {
    this.spec = { rules: spec.rules.map((rule) => ({ ...rule })), script: spec.script.map((entry) => ({ ...entry })) };
    this.random = createRandom(this.seed);
  }

  /** The current settings; `script[].times` counts what is left. */
  describe(): { spec: string; script: ScriptedFault[] } {
    return { spec: formatRules(this.spec.rules), script: this.spec.script.map((entry) => ({ ...entry })) };
  }

  /** Probability of a batch-level fault (0 when not set). */
  rate(kind: BatchFaultKind): number {
    return this.spec.rules.find((rule) => rule.kind === kind)?.rate ?? 0;
  }

  /** Snapshot of every batch-level rate, taken when a batch is created. */
  batchRates(): Record<BatchFaultKind, number> {
    return Object.fromEntries(BATCH_FAULT_KINDS.map((kind) => [kind, this.rate(kind)])) as Record<BatchFaultKind, number>;
  }

  /** Decides the faults of one request to `path` (full path, query excluded). */
  decide(method: string, path: string): RequestFaults {
    const scripted = this.spec.script.find((entry) => entry.times > 0 && matches(entry, method, path));
    if (scripted) {
      scripted.times--;
      return fromScript(scripted);
    }
    if (this.spec.rules.length === 0) return NO_FAULTS;
    const fired = (kind: string): { hit: boolean; delayMs: number } => {
      const rule = this.spec.rules.find((candidate) => candidate.kind === kind);
      // Draw only for configured kinds so adding one kind does not reshuffle the others' dice.
      return rule ? { hit: this.random() < rule.rate, delayMs: rule.delayMs ?? 0 } : { hit: false, delayMs: 0 };
    };
    if (fired("drop").hit) return { ...NO_FAULTS, drop: true, injected: 1 };
    const faults: RequestFaults = { ...NO_FAULTS };
    if (fired("quota").hit) {
      faults.quota = true;
      faults.injected++;
    }
    for (const status of [429, 500, 503] as const) {
      if (fired(String(status)).hit && faults.status === undefined && !faults.quota) {
        faults.status = status;
        faults.injected++;
      }
    }
    const slow = fired("slow");
    if (slow.hit) {
      faults.delayMs = slow.delayMs;
      faults.injected++;
    }
    if (faults.status === undefined && !faults.quota && fired("drop_after").hit) {
      faults.dropAfter = true;
      faults.injected++;
    }
    return faults;
  }
}

function matches(entry: ScriptedFault, method: string, path: string): boolean {
  if (entry.method && entry.method !== method) return false;
  if (!entry.path.includes("*")) return entry.path === path;
  const pattern = entry.path.split("*").map(escapeRegExp).join(".*");
  return new RegExp(`^${pattern}$`).test(path);
}

function fromScript(entry: ScriptedFault): RequestFaults {
  switch (entry.fault) {
    case "drop":
      return { ...NO_FAULTS, drop: true, injected: 1 };
    case "drop_after":
      return { ...NO_FAULTS, dropAfter: true, injected: 1 };
    case "slow":
      return { ...NO_FAULTS, delayMs: entry.delayMs ?? 0, injected: 1 };
    case "quota":
      return { ...NO_FAULTS, quota: true, injected: 1 };
    default:
      return { ...NO_FAULTS, status: Number(entry.fault) as 429 | 500 | 503, injected: 1 };
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
