// The optimised WebAssembly build (web/build.sh, after wasm-opt) in Node: corpus postmortems
// give the same SVG bytes as `pmchart render`, bad input gives diagnostics, never an exception,
// and the page's module is at most 3 MB (3,000,000 bytes, the fonts included).
//   web/build.sh && web/build.sh nodejs && PMCHART=target/release/pmchart node web/tests/node.mjs
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import assert from "node:assert/strict";
import path from "node:path";

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const wasm = require(path.join(here, "../pkg-node/pmchart_web.js"));
const pmchart = process.env.PMCHART || path.join(here, "../../target/release/pmchart");
const corpus = path.join(here, "../../../shared/corpus/postmortems");

let same = 0;
const names = readdirSync(corpus).filter((n) => n.endsWith(".md")).sort().slice(0, 12);
for (const name of names) {
  const file = path.join(corpus, name);
  const text = readFileSync(file, "utf8");
  const out = JSON.parse(wasm.render(text, "README.md", "light", 900, ""));
  if (!out.svg) continue;
  const cli = execFileSync(pmchart, ["render", file, "--format", "svg", "-o", "-", "-q", "--force"]).toString();
  assert.equal(out.svg, cli, `${name}: the page's SVG differs from pmchart render's`);
  same += 1;
}
assert.ok(same >= 8, `only ${same} of ${names.length} charts compared`);

for (const [text, name] of [["", "README.md"], ["{\"events\": [", "a.json"], ["\u0000bin", "README.md"],
                            ["## Timeline\n- 25:99 x\n", "README.md"]]) {
  const out = JSON.parse(wasm.render(text, name, "dark", 900, ""));
  assert.ok(out.diagnostics.length > 0, `${name}: no diagnostics`);
}
const png = wasm.png(readFileSync(path.join(corpus, names[0]), "utf8"), "README.md", "light", 900, "", 1);
assert.deepEqual([...png.slice(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
const pageWasm = path.join(here, "../www/pkg/pmchart_web_bg.wasm");
const size = statSync(pageWasm).size;
assert.ok(size <= 3_000_000, `${pageWasm} is ${size} bytes, over 3 MB`);
console.log(`node: the page's module is ${size} bytes`);
console.log(`node: ${same} charts byte-identical to pmchart render; bad input gives diagnostics`);
