import { createReadStream } from "node:fs";
import { CsvError, parse, type Parser } from "csv-parse";
import type { InputProblem } from "../errors.js";
import { assertReadableFile, fileError } from "./dataset-file.js";
import { checkPromptFields } from "./prompt-fields.js";
import type { DatasetRow } from "./read-dataset.js";

/** Options shared by reading and peeking: strings only, BOM dropped, blank lines skipped. */
const CSV_OPTIONS = {
  bom: true,
  info: true,
  skip_empty_lines: true,
  // Ragged rows are checked here so each is reported with its line and reading goes on.
  relax_column_count: true,
  skip_records_with_error: true,
} as const;

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Stream a CSV file with csv-parse. The header row names the fields; every value is a
 * string. A row whose column count differs from the header, or that csv-parse cannot read
 * (a stray quote), is reported with its line number and skipped.
 */
export async function* readCsv(file: string, report: (problem: InputProblem) => void): AsyncGenerator<DatasetRow> {
  await assertReadableFile(file);
  const parser = openCsv(file, report);
  let header: string[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<CsvRecord>) {
      const row = startLine(record, info.lines);
      if (!header) {
        header = record;
        reportHeaderProblems(header, file, row, report);
        continue;
      }
      if (record.length !== header.length) {
        report({
          file,
          row,
          message: `has ${record.length} columns but the header has ${header.length} — quote values that contain commas, or fix the row`,
        });
        continue;
      }
      const fields: Record<string, unknown> = {};
      for (let index = 0; index < header.length; index++) fields[header[index]] = record[index];
      if (checkPromptFields(fields, file, row, report)) yield { row, fields };
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw fileError(file, "dataset", error);
    // csv-parse stops on some errors even when told to skip bad records: report and end.
    report({ file, row: errorLine(error), message: `${csvMessage(error)} — fix the file from this line on and run again` });
  } finally {
    parser.destroy();
  }
}

/** The header row's field names, or undefined for an empty file. */
export async function readCsvHeader(file: string): Promise<string[] | undefined> {
  const parser = openCsv(file, () => {});
  try {
    for await (const { record } of parser as AsyncIterable<CsvRecord>) return record;
    return undefined;
  } catch (error) {
    throw fileError(file, "dataset", error);
  } finally {
    parser.destroy();
  }
}

function openCsv(file: string, report: (problem: InputProblem) => void): Parser {
  // One stray quote can make csv-parse complain twice about the same line; report it once.
  let lastLine: number | undefined;
  const parser = parse({
    ...CSV_OPTIONS,
    on_skip: (error) => {
      const row = error ? errorLine(error) : undefined;
      if (error && (row === undefined || row !== lastLine)) {
        report({ file, row, message: `${csvMessage(error)} — fix the quoting on this line` });
      }
      lastLine = row;
      return undefined;
    },
  });
  const input = createReadStream(file);
  input.on("error", (error) => parser.destroy(error));
  return input.pipe(parser);
}

/** csv-parse counts lines at the end of a record; a quoted value may span several lines. */
function startLine(record: string[], endLine: number): number {
  let breaks = 0;
  for (const value of record) {
    for (let index = value.indexOf("\n"); index !== -1; index = value.indexOf("\n", index + 1)) breaks++;
  }
  return endLine - breaks;
}

function reportHeaderProblems(header: string[], file: string, row: number, report: (problem: InputProblem) => void): void {
  const seen = new Set<string>();
  header.forEach((name, index) => {
    if (name.trim() === "") {
      report({ file, row, column: index + 1, message: `column ${index + 1} of the header has no name; name every column` });
    } else if (seen.has(name)) {
      report({ file, row, column: index + 1, field: name, message: "appears twice in the header; column names must be unique" });
    }
    seen.add(name);
  });
}

function errorLine(error: CsvError): number | undefined {
  return typeof error.lines === "number" ? error.lines : undefined;
}

/** csv-parse messages repeat the line; keep the reason. */
function csvMessage(error: CsvError): string {
  return error.message.replace(/ at line \d+/, "").replace(/: got/, ": found");
}
