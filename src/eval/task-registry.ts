/**
 * Tasks by name: the built-ins (`mcq`, `ner`, `open`, `vqa`) and any a benchmark suite
 * registers, so `evaluate("mcq", rows)` and `batchlab eval --task mcq` find them.
 */
import { ConfigError } from "../errors.js";
import { defineTask, type Task, type TaskDefinition } from "./task.js";
import { mcqTask } from "./tasks/mcq-task.js";
import { nerTask } from "./tasks/ner-task.js";
import { openTask } from "./tasks/open-task.js";
import { vqaTask } from "./tasks/vqa-task.js";

/** What {@link listTasks} shows of a task: plain data for a table or the CLI. */
export interface TaskInfo {
  name: string;
  description: string;
  /** The dataset file, or null when the task loads its rows in code. */
  dataset: string | null;
  metrics: string[];
  groupBy: string[];
}

/** Options of {@link registerTask}. */
export interface RegisterOptions {
  /** Replace a task already registered under that name (a built-in too). Default false. */
  replace?: boolean;
}

const tasks = new Map<string, Task<any, any>>();
for (const task of [mcqTask(), nerTask(), openTask(), vqaTask()]) tasks.set(task.name, task);

/**
 * Register a task (or a definition, defined on the way). Throws ConfigError when the name is
 * taken, unless `replace` is set. Returns the registered task.
 */
export function registerTask<A, E>(task: Task<A, E> | TaskDefinition<A, E>, options: RegisterOptions = {}): Task<A, E> {
  const defined = isTask(task) ? task : defineTask(task);
  if (tasks.has(defined.name) && !options.replace) {
    throw new ConfigError(`a task named "${defined.name}" is already registered — pick another name, or pass { replace: true }`);
  }
  tasks.set(defined.name, defined);
  return defined;
}

/** The task registered under `name`. Throws ConfigError listing the known names. */
export function getTask<A = unknown, E = unknown>(name: string): Task<A, E> {
  const task = tasks.get(name);
  if (task) return task;
  throw new ConfigError(`unknown task "${name}" — known tasks: ${[...tasks.keys()].sort().join(", ")}; register your own with registerTask(defineTask({ ... }))`);
}

/** Every registered task, by name. */
export function listTasks(): TaskInfo[] {
  return [...tasks.values()]
    .sort((left, right) => left.name.localeCompare(right.name))
    .map((task) => ({
      name: task.name,
      description: task.description,
      dataset: task.dataset?.name ?? task.dataset?.file ?? null,
      metrics: task.metrics.map((metric) => metric.name),
      groupBy: [...task.groupBy],
    }));
}

/** Remove a registered task; true when there was one. */
export function unregisterTask(name: string): boolean {
  return tasks.delete(name);
}

function isTask<A, E>(value: Task<A, E> | TaskDefinition<A, E>): value is Task<A, E> {
  return typeof (value as Task).renderPrompt === "function";
}
