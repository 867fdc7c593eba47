import { describe, expect, it } from "vitest";
import { parseOutputLine } from "../../src/providers/openai-api.js";
import { lineResult, readSuccessLine, sinkLines, successTextsJson, textResult } from "../../src/providers/openai-output.js";
import { addStoredResult, emptyStoredBatch, type ResultSink } from "../../src/providers/stored-results.js";

const success = (content: unknown, extra = "") =>
  `{"id":"batch_req_1","custom_id":"k1","response":{"status_code":200,"request_id":"r","body":{"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":${JSON.stringify(content)},"refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,"prompt_tokens_details":{"cached_tokens":4}}${extra}}},"error":null}`;

/** Lines of every shape the fast reader must either read exactly or leave to JSON.parse. */
const LINES = [
  success("plain answer"),
  success('quotes " and \\ backslash, tab \t, newline \n, é, 東京, 😀'),
  success(""),
  success(null),
  success("x", ',"service_tier":"default","system_fingerprint":"fp_1","nested":{"a":[1,-2.5e3,true,false,null,{"b":[]}]}'),
  // escapes JSON.stringify would not write: \u and \/
  '{"custom_id":"k1","response":{"status_code":200,"body":{"choices":[{"message":{"content":"a\\u0041\\/b\\ud83d\\ude00"}}]}},"error":null}',
  '{"custom_id":"k\\u0031","response":{"status_code":200,"body":{"choices":[]}},"error":null}',
  // several choices, missing message, missing content, null message
  '{"custom_id":"k2","response":{"status_code":200,"body":{"choices":[{"message":{"content":"a"}},{"index":1},{"message":null},{"message":{}}]}}}',
  // no usage, null usage, usage without details, null counts, odd counts
  '{"custom_id":"k3","response":{"status_code":200,"body":{"choices":[]}}}',
  '{"custom_id":"k3","response":{"status_code":200,"body":{"choices":null,"usage":null}}}',
  '{"custom_id":"k3","response":{"status_code":200,"body":{"usage":{"prompt_tokens":null,"completion_tokens":7}}}}',
  '{"custom_id":"k3","response":{"status_code":200,"body":{"usage":{"prompt_tokens":1.5,"completion_tokens":7}}}}',
  '{"custom_id":"k3","response":{"status_code":200,"body":{"usage":{"prompt_tokens":"12"}}}}',
  '{"custom_id":"k3","response":{"status_code":200,"body":{"usage":{"prompt_tokens":1e2}}}}',
  '{"custom_id":"k3","response":{"status_code":200,"body":{"usage":{"prompt_tokens_details":5}}}}',
  // status codes written other ways, errors, no body, no response
  '{"custom_id":"k4","response":{"status_code":200.0,"body":{"choices":[{"message":{"content":"a"}}]}},"error":null}',
  '{"custom_id":"k4","response":{"status_code":500,"body":{"error":{"message":"boom","type":"server_error","code":null}}},"error":null}',
  '{"custom_id":"k4","response":null,"error":{"code":"batch_expired","message":"late"}}',
  '{"custom_id":"k4","response":{"status_code":200},"error":null}',
  '{"custom_id":"k4","response":{"status_code":200,"body":null}}',
  '{"custom_id":"k4","error":false,"response":{"status_code":200,"body":{"choices":[{"message":{"content":"a"}}]}}}',
  // duplicate members: JSON.parse keeps the last one
  '{"custom_id":"k5","custom_id":"k6","response":{"status_code":200,"body":{"choices":[{"message":{"content":"a"}}]}}}',
  '{"custom_id":"k5","response":{"status_code":200,"body":{"choices":[{"message":{"content":"a","content":"b"}}]}}}',
  '{"custom\\u005fid":"k7","custom_id":"k5","response":{"status_code":200,"body":{"choices":[]}}}',
  // odd types
  '{"custom_id":5,"response":{"status_code":200,"body":{"choices":[]}}}',
  '{"custom_id":"k8","response":{"status_code":200,"body":{"choices":[{"message":{"content":5}}]}}}',
  '{"custom_id":"k8","response":{"status_code":200,"body":{"choices":[{"message":"text"}]}}}',
  '["not","an","object"]',
  // whitespace, and not JSON at all
  ' \t{ "custom_id" : "k9" , "response" : { "status_code" : 200 , "body" : { "choices" : [ ] } } } \t',
  '{"custom_id":"k10","response":{"status_code":200,"body":{"choices":[{"message":{"content":"cut',
  '{"custom_id":"k10","response":{"status_code":200,"body":{"choices":[1,]}}}',
  '{"custom_id":"k10","response":{"status_code":200,"body":{"x":01}}}',
  '{"custom_id":"k10","response":{"status_code":200,"body":{}}} trailing',
  '\ufeff{"custom_id":"k11","response":{"status_code":200,"body":{}}}',
  '{"custom_id":"k12","response":{"status_code":200,"body":{"s":"raw\u0001control"}}}',
];

describe("OpenAI output lines read from bytes", () => {
  it("gives exactly the result parseOutputLine gives, for every line it reads itself", () => {
    let readHere = 0;
    for (const text of LINES) {
      const bytes = Buffer.from(text);
      if (readSuccessLine(bytes, 0, bytes.length)) readHere++;
      expect(lineResult(bytes, 0, bytes.length), text).toEqual(textResult(text));
    }
    // The common success shapes must take the fast way, or the benchmark measures nothing.
    expect(readHere).toBeGreaterThanOrEqual(10);
  });

  it("leaves errors, odd values, duplicates and bad JSON to JSON.parse", () => {
    for (const text of LINES.slice(15)) {
      const bytes = Buffer.from(text);
      const expected = parseOutputLine(text);
      if (expected?.status !== "succeeded" || text.includes("k5") || text.includes("k8") || text.includes("k10")) {
        expect(readSuccessLine(bytes, 0, bytes.length), text).toBeUndefined();
      }
    }
  });

  it("writes the stored texts exactly as JSON.stringify(texts), copying literals already in that form", () => {
    for (const text of LINES) {
      const bytes = Buffer.from(text);
      const read = readSuccessLine(bytes, 0, bytes.length);
      if (read) expect(successTextsJson(bytes, read), text).toBe(JSON.stringify(textResult(text).texts));
    }
  });

  it("puts into a sink the same rows as storing each result", () => {
    const data = Buffer.from(LINES.join("\n"));
    const starts: number[] = [];
    const ends: number[] = [];
    let start = 0;
    for (const text of LINES) {
      starts.push(start);
      ends.push(start + Buffer.byteLength(text));
      start += Buffer.byteLength(text) + 1;
    }
    const expected = emptyStoredBatch();
    for (const text of LINES) addStoredResult(expected, textResult(text));
    const sunk: unknown[][] = [];
    let current: unknown[] = [];
    let texts = "";
    const sink: ResultSink = {
      begin: (wireId, status, input, output) => ((current = [wireId, status, input, output]), (texts = ""), true),
      appendByte: (byte) => (texts += String.fromCharCode(byte)),
      appendBytes: (bytes, from, to) => (texts += Buffer.from(bytes.subarray(from, to)).toString("utf8")),
      appendString: (value) => (texts += value),
      end: (code, message) => void sunk.push([...current, texts, code, message]),
    };
    sinkLines({ data, starts, ends }, sink);
    expect(sunk).toEqual(
      expected.wireIds.map((wireId, index) => [
        wireId,
        expected.statuses[index],
        expected.inputTokens[index],
        expected.outputTokens[index],
        expected.texts[index],
        expected.errorCodes[index],
        expected.errorMessages[index],
      ]),
    );
  });

  it("never copies bytes that are not valid UTF-8: such lines are decoded first, as before", () => {
    const line = Buffer.concat([Buffer.from('{"custom_id":"k1","response":{"status_code":200,"body":{"choices":[{"message":{"content":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('b"}}]}}}')]);
    let texts = "";
    sinkLines(
      { data: line, starts: [0], ends: [line.length] },
      {
        begin: () => true,
        appendByte: (byte) => (texts += String.fromCharCode(byte)),
        appendBytes: (bytes, from, to) => (texts += Buffer.from(bytes.subarray(from, to)).toString("latin1")),
        appendString: (value) => (texts += value),
        end: () => {},
      },
    );
    expect(texts).toBe(JSON.stringify(textResult(line.toString("utf8")).texts));
  });
});
