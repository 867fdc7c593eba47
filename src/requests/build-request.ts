import { compileTemplate, missingFields, type Template } from "../data/template.js";
import type { ResolvedStep } from "../data/config.js";
import type { InputProblem } from "../errors.js";
import type { Item, Part, Request } from "../types.js";
import { ImageReferenceError, imagePart, imageReferences } from "./images.js";

/** Builds one provider-neutral request per item; problems are reported, never thrown. */
export interface RequestBuilder {
  build(item: Item, report: (problem: InputProblem) => void): Request | undefined;
}

/** `imageDir`: where relative image paths point (the dataset's folder); `datasetFile` names the file in problems. */
export function createRequestBuilder(step: ResolvedStep, imageDir: string, datasetFile: string): RequestBuilder {
  const user = compileTemplate(step.user);
  const system = step.system ? compileTemplate(step.system) : undefined;
  const baseDir = imageDir;
  return {
    build(item, report) {
      let ok = true;
      const problem = (field: string, message: string) => {
        ok = false;
        report({ file: datasetFile, row: item.row, field, message });
      };
      const userText = renderChecked(user, item, "user", problem);
      const systemText = system ? renderChecked(system, item, "system", problem) : undefined;
      if (userText !== undefined && userText.trim() === "") {
        problem(user.fields[0] ?? "prompt", "the prompt is empty; fill it in or remove the row");
      }
      const parts: Part[] = userText ? [{ type: "text", text: userText }] : [];
      if (step.images) {
        try {
          for (const reference of imageReferences(item.fields[step.images])) parts.push(imagePart(reference, baseDir));
        } catch (error) {
          if (!(error instanceof ImageReferenceError)) throw error;
          problem(step.images, error.message);
        }
      }
      if (!ok) return undefined;
      return { key: item.key, model: step.model, system: systemText, parts, params: step.params };
    },
  };
}

function renderChecked(
  template: Template,
  item: Item,
  which: string,
  problem: (field: string, message: string) => void,
): string | undefined {
  const missing = missingFields(template, item.fields);
  if (missing.length === 0) return template.render(item.fields);
  for (const field of missing) {
    problem(field, `is missing but the ${which} template uses {${field}}; add the field or change the template`);
  }
  return undefined;
}
