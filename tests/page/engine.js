// Runs the engine embedded in a self-check page under node, as the page runs it:
// takes the page's own WebAssembly and rule file, loads the rules, and gives the result
// op's verdict (and eligible date, and the printable HTML's SHA-256) for each answers
// document of an NDJSON file, one JSON line out per line in.
//
// usage: node engine.js PAGE.html ANSWERS.ndjson TODAY NOW
"use strict";
const fs = require("fs");
const zlib = require("zlib");
const crypto = require("crypto");
const path = require("path");
const vm = require("vm");

const [pagePath, casesPath, today, now] = process.argv.slice(2);
const page = fs.readFileSync(pagePath, "utf8");
// The text of the <script id=ID> element, and its attributes.
const block = (id) => {
  const open = page.indexOf(`id="${id}"`);
  if (open < 0) throw new Error(`no #${id} in the page`);
  const start = page.indexOf(">", open) + 1;
  return { attributes: page.slice(open, start), text: page.slice(start, page.indexOf("</script>", start)) };
};
const wasm = zlib.inflateSync(Buffer.from(block("engine").text.trim(), "base64"));
const engine = new WebAssembly.Instance(new WebAssembly.Module(wasm), {}).exports;

// The page's own engine call (src/page/call.js), not a copy of it.
const engineCall = vm.runInNewContext(
  `${fs.readFileSync(path.join(__dirname, "../../src/page/call.js"), "utf8")}; engineCall`,
  { TextEncoder, TextDecoder, Uint8Array, JSON, Number },
);
const call = (request) => engineCall(engine, request);

const rules = block("rules");
const lang = /data-lang="([^"]*)"/.exec(rules.attributes)[1];
const loaded = call({ op: "load", rules: JSON.parse(rules.text), lang });
if (loaded.error) throw new Error(JSON.stringify(loaded.error));
const lines = fs.readFileSync(casesPath, "utf8").split("\n").filter((l) => l.length > 0);
const out = [];
for (const line of lines) {
  const r = call({ op: "result", today, now, answers: JSON.parse(line) });
  if (r.error) {
    out.push(JSON.stringify({ error: r.error.code }));
  } else {
    const sheet = crypto.createHash("sha256").update(r.ok.sheet_html).digest("hex");
    out.push(JSON.stringify({ verdict: r.ok.verdict, eligible_from: r.ok.eligible_from, sheet }));
  }
}
process.stdout.write(out.join("\n") + "\n");
