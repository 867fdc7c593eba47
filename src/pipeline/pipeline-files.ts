import { readDataset } from "../data/read-dataset.js";
import { ValidationError, type InputProblem } from "../errors.js";
import { keyedItems } from "../plan/items.js";
import { AtomicFileWriter } from "../util/atomic-write.js";
import { crashPoint } from "../util/crash-point.js";
import { KEY_FIELD, readRows } from "./stage-data.js";

/**
 * The pipeline's first rows: the input, each with its key fixed in `_key` (the data_key, or
 * a content hash of the row as given), so later steps join on it whatever they add.
 */
export async function writeInitialRows(input: string, target: string, dataKey: string | undefined): Promise<number> {
  const problems: InputProblem[] = [];
  const writer = new AtomicFileWriter(target);
  let rows = 0;
  try {
    const report = (problem: InputProblem) => problems.push(problem);
    for await (const item of keyedItems(readDataset(input, report), input, dataKey, report)) {
      await writer.write(`${JSON.stringify({ [KEY_FIELD]: item.key, ...item.fields })}\n`);
      rows++;
    }
    if (problems.length > 0) throw new ValidationError(problems);
    await writer.commit();
    return rows;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** The final rows as a JSON list (without the internal key), written atomically. */
export async function writeOutput(rowsFile: string, output: string, expectedRows?: number): Promise<number> {
  const writer = new AtomicFileWriter(output);
  let rows = 0;
  try {
    await writer.write("[\n");
    for await (const { [KEY_FIELD]: _key, ...row } of readRows(rowsFile, expectedRows)) {
      await writer.write(`${rows === 0 ? "" : ",\n"}  ${JSON.stringify(row)}`);
      rows++;
      crashPoint("pipeline-writing-output"); // #n: after the n-th row of the output
    }
    await writer.write("\n]\n");
    await writer.commit();
    return rows;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
