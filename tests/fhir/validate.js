#!/usr/bin/env node
// Validates FHIR R4 JSON files two independent ways:
//  1. FHIR.js (npm `fhir`) against the R4 structure definitions, with unexpected
//     properties as errors;
//  2. the invariants of the resources, evaluated with npm `fhirpath` and its R4 model:
//     every que-* of Questionnaire (que-12 as intended, "two or more enableWhen need
//     enableBehavior"; the published text says "> 2"), qrs-* of QuestionnaireResponse,
//     bdl-* of Bundle, obs-6/7 of Observation; plus checks the invariants cannot state:
//     every FHIRPath expression compiles and runs, enableWhen names an earlier item and
//     answers with its type, and every reference in a Bundle resolves to an entry.
//
// Usage: node validate.js FILE...   One line per file; exit status 1 if any is invalid.
"use strict";

const fs = require("fs");
const { Fhir } = require("fhir");
const fhirpath = require("fhirpath");
const r4 = require("fhirpath/fhir-context/r4");

const ENABLE_WHEN_EXPRESSION =
  "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";

const QUESTIONNAIRE = {
  "que-0": "name.exists() implies name.matches('[A-Z]([A-Za-z0-9_]){0,254}')",
  "que-2": "descendants().linkId.isDistinct()",
};
const QUESTIONNAIRE_ITEM = {
  "que-1":
    "(type='group' implies item.empty().not()) and (type='display' implies item.empty())",
  "que-3": "type!='display' or code.empty()",
  "que-4": "answerOption.empty() or answerValueSet.empty()",
  "que-5":
    "(type ='choice' or type = 'open-choice' or type = 'decimal' or type = 'integer' or type = 'date' or type = 'dateTime' or type = 'time' or type = 'string' or type = 'quantity') or (answerValueSet.empty() and answerOption.empty())",
  "que-6": "type!='display' or (required.empty() and repeats.empty())",
  "que-8": "(type!='group' and type!='display') or initial.empty()",
  "que-9": "type!='display' or readOnly.empty()",
  "que-10":
    "(type in ('boolean' | 'decimal' | 'integer' | 'string' | 'text' | 'url' | 'open-choice')) or maxLength.empty()",
  "que-11": "answerOption.empty() or initial.empty()",
  "que-12": "enableWhen.count() > 1 implies enableBehavior.exists()",
  "que-13": "repeats=true or initial.count() <= 1",
  "sdc-enableWhenExpression":
    `extension.where(url='${ENABLE_WHEN_EXPRESSION}').empty() or enableWhen.empty()`,
};
const ENABLE_WHEN = {
  "que-7": "operator = 'exists' implies (answer is Boolean)",
};
const RESPONSE = {
  "qrs-2":
    "repeat(answer|item).select(item.where(answer.value.exists()).linkId.isDistinct()).allTrue()",
};
const RESPONSE_ITEM = {
  "qrs-1": "(answer.exists() and item.exists()).not()",
};
const BUNDLE = {
  "bdl-1": "total.empty() or (type = 'searchset') or (type = 'history')",
  "bdl-2": "entry.search.empty() or (type = 'searchset')",
  "bdl-3":
    "entry.all(request.exists() = (%resource.type = 'batch' or %resource.type = 'transaction' or %resource.type = 'history'))",
  "bdl-4":
    "entry.all(response.exists() = (%resource.type = 'batch-response' or %resource.type = 'transaction-response' or %resource.type = 'history'))",
  "bdl-7":
    "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl&resource.meta.versionId).isDistinct()",
};
const BUNDLE_ENTRY = {
  "bdl-5": "resource.exists() or request.exists() or response.exists()",
  "bdl-8": "fullUrl.contains('/_history/').not()",
};
const OBSERVATION = {
  "obs-6": "dataAbsentReason.empty() or value.empty()",
  "obs-7":
    "value.empty() or component.code.where(coding.intersect(%resource.code.coding).exists()).empty()",
};

/** Evaluates each invariant on `node` (of FHIR type path `base`); returns the failures. */
function invariants(resource, node, base, table, where) {
  const problems = [];
  for (const [key, expression] of Object.entries(table)) {
    let result;
    try {
      result = fhirpath.evaluate(node, { base, expression }, { resource }, r4);
    } catch (e) {
      problems.push(`${where}: ${key} could not be evaluated: ${e.message}`);
      continue;
    }
    if (!(result.length === 1 && result[0] === true)) {
      problems.push(`${where}: ${key} fails (${expression}) -> ${JSON.stringify(result)}`);
    }
  }
  return problems;
}

/** Every item of a Questionnaire or QuestionnaireResponse, depth first, with its path. */
function items(list, path, out = []) {
  (list || []).forEach((item, i) => {
    const here = `${path}.item[${i}]`;
    out.push([item, here]);
    items(item.item, here, out);
    (item.answer || []).forEach((a, j) => items(a.item, `${here}.answer[${j}]`, out));
  });
  return out;
}

function checkQuestionnaire(q) {
  const problems = invariants(q, q, "Questionnaire", QUESTIONNAIRE, "Questionnaire");
  const seen = new Map();
  const answerKey = {
    boolean: "answerBoolean", decimal: "answerDecimal", integer: "answerInteger",
    date: "answerDate", dateTime: "answerDateTime", choice: "answerCoding",
  };
  for (const [item, where] of items(q.item, "Questionnaire")) {
    problems.push(...invariants(q, item, "Questionnaire.item", QUESTIONNAIRE_ITEM, where));
    (item.enableWhen || []).forEach((ew, k) => {
      const at = `${where}.enableWhen[${k}]`;
      problems.push(...invariants(q, ew, "Questionnaire.item.enableWhen", ENABLE_WHEN, at));
      const target = seen.get(ew.question);
      if (!target) {
        problems.push(`${at}: question ${ew.question} is not an earlier item`);
      } else if (ew.operator !== "exists" && !(answerKey[target.type] in ew)) {
        problems.push(`${at}: answer type does not fit item type ${target.type}`);
      }
    });
    for (const ext of item.extension || []) {
      if (ext.valueExpression) {
        try {
          fhirpath.compile(ext.valueExpression.expression, r4);
          const empty = { resourceType: "QuestionnaireResponse", status: "in-progress" };
          fhirpath.evaluate(empty, ext.valueExpression.expression, { resource: empty }, r4);
        } catch (e) {
          problems.push(`${where}: expression does not run: ${e.message}`);
        }
      }
    }
    seen.set(item.linkId, item);
  }
  return problems;
}

function checkResponse(r, where) {
  const problems = invariants(r, r, "QuestionnaireResponse", RESPONSE, where);
  for (const [item, at] of items(r.item, where)) {
    problems.push(...invariants(r, item, "QuestionnaireResponse.item", RESPONSE_ITEM, at));
  }
  return problems;
}

function checkBundle(b) {
  const problems = invariants(b, b, "Bundle", BUNDLE, "Bundle");
  const urls = new Set((b.entry || []).map((e) => e.fullUrl));
  (b.entry || []).forEach((entry, i) => {
    const where = `Bundle.entry[${i}]`;
    problems.push(...invariants(b, entry, "Bundle.entry", BUNDLE_ENTRY, where));
    const resource = entry.resource;
    problems.push(...structure(resource, `${where}.resource`));
    if (resource.resourceType === "QuestionnaireResponse") {
      problems.push(...checkResponse(resource, `${where}.resource`));
    }
    if (resource.resourceType === "Observation") {
      problems.push(...invariants(resource, resource, "Observation", OBSERVATION, where));
    }
    for (const ref of fhirpath.evaluate(resource, "descendants().reference", null, r4)) {
      if (!urls.has(ref)) problems.push(`${where}: reference ${ref} is not an entry`);
    }
  });
  return problems;
}

const fhir = new Fhir();

/** The element at a FHIR.js location (`Questionnaire.item[3].enableWhen[0]`). */
function at(resource, location) {
  let node = resource;
  for (const step of location.split(".").slice(1)) {
    const m = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(step);
    if (!m || node == null) return undefined;
    node = node[m[1]];
    if (m[2] !== undefined) node = node == null ? undefined : node[Number(m[2])];
  }
  return node;
}

/**
 * FHIR.js 4.12.0 takes a required choice whose value is falsy for missing: it reports
 * `answerBoolean: false` (or `answerDecimal: 0`) in enableWhen as "answer[x]: Missing
 * property". Only that message, and only when such a key is really there, is dropped.
 */
function falselyMissing(resource, m) {
  const suffix = ".answer[x]";
  if (m.message !== "Missing property" || !m.location.endsWith(suffix)) return false;
  const element = at(resource, m.location.slice(0, -suffix.length));
  if (element == null) return false;
  const present = Object.keys(element).filter((k) => /^answer[A-Z]/.test(k));
  return present.length === 1 && (element[present[0]] === false || element[present[0]] === 0);
}

/** FHIR.js: the structure definitions, unexpected properties as errors. */
function structure(resource, where) {
  const result = fhir.validate(resource, { errorOnUnexpected: true });
  const errors = result.messages
    .filter((m) => m.severity === "error")
    .filter((m) => !falselyMissing(resource, m));
  return errors.map((m) => `${where}: ${m.location}: ${m.message}`);
}

let failed = 0;
const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error("usage: node validate.js FILE...");
  process.exit(2);
}
for (const path of paths) {
  const resource = JSON.parse(fs.readFileSync(path, "utf8"));
  let problems = structure(resource, resource.resourceType);
  switch (resource.resourceType) {
    case "Questionnaire": problems.push(...checkQuestionnaire(resource)); break;
    case "QuestionnaireResponse": problems.push(...checkResponse(resource, "QuestionnaireResponse")); break;
    case "Bundle": problems.push(...checkBundle(resource)); break;
    default: problems.push(`no checks for ${resource.resourceType}`);
  }
  problems = [...new Set(problems)];
  if (problems.length) {
    failed += 1;
    console.log(`INVALID ${path}:\n  ${problems.join("\n  ")}`);
  } else {
    console.log(`ok ${path}`);
  }
}
process.exit(failed ? 1 : 0);
