// The playground in Chromium (playwright-core driving Debian's chromium), served from
// 127.0.0.1: paste a postmortem and the chart appears; a broken time gives a diagnostic whose
// click selects its line; the theme switches the chart; the downloads are an SVG and a PNG; the
// share link restores the text. SCREENSHOTS=dir saves the page at 1280x800 (light, dark) and
// 390 px wide.   web/build.sh && node web/tests/page.mjs
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import assert from "node:assert/strict";
import path from "node:path";

const root = path.join(path.dirname(new URL(import.meta.url).pathname), "../www");
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".png": "image/png" };
const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  const file = path.join(root, path.normalize(url.pathname === "/" ? "/index.html" : url.pathname));
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  try {
    const body = await readFile(file);
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, colorScheme: "light" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const opened = Date.now();
  await page.goto(base);
  await page.waitForSelector("#chart svg", { timeout: 10000 });
  const firstChart = Date.now() - opened;

  // Paste a postmortem: the chart follows.
  const pm = "# Outage on 3 May 2024\n\n## Timeline (UTC)\n\n- 10:00 Alert fired\n- 10:10 Escalated to the DB team\n- 10:30 Service restored\n";
  await page.fill("#editor", pm);
  await page.waitForFunction(() => document.querySelector("#chart svg title")?.textContent.includes("Outage on 3 May 2024"));

  // A time out of order: a diagnostic, and its click selects the line.
  await page.fill("#editor", pm.replace("10:10 Escalated", "09:10 Escalated"));
  await page.waitForSelector("#diagnostics li.error button");
  const text = await page.textContent("#diagnostics li.error button");
  assert.match(text, /PM101|out of order/);
  await page.click("#diagnostics li.error button");
  const selected = await page.evaluate(() => {
    const e = document.getElementById("editor");
    return e.value.slice(e.selectionStart, e.selectionEnd);
  });
  assert.equal(selected, "- 09:10 Escalated to the DB team");
  await page.fill("#editor", pm);
  await page.waitForSelector("#chart svg");

  // The theme switches the chart's colours.
  const light = await page.innerHTML("#chart");
  await page.click("#theme");
  await page.waitForFunction((before) => document.getElementById("chart").innerHTML !== before, light);
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  await page.click("#theme");

  // Downloads: an SVG and a PNG.
  const [svgDownload] = await Promise.all([page.waitForEvent("download"), page.click("#download-svg")]);
  const svg = await readFile(await svgDownload.path(), "utf8");
  assert.ok(svg.startsWith("<svg") && svg.trimEnd().endsWith("</svg>"), "a whole SVG");
  const [pngDownload] = await Promise.all([page.waitForEvent("download"), page.click("#download-png")]);
  const png = await readFile(await pngDownload.path());
  assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);

  // Re-rendering while typing (20 entries): the page reports its own time.
  const twenty = "# Outage on 3 May 2024\n\n## Timeline (UTC)\n\n" +
    Array.from({ length: 20 }, (_, i) => `- 10:${String(i * 2).padStart(2, "0")} Step ${i}: checked the queue`).join("\n") + "\n";
  await page.fill("#editor", twenty);
  await page.waitForFunction(() => /drawn in \d+ ms/.test(document.getElementById("status").textContent));
  const statusText = await page.textContent("#status");

  // The share link restores the text.
  await page.fill("#editor", pm);
  await page.click("#share");
  await page.waitForFunction(() => location.hash.includes("t="));
  const link = page.url();
  const other = await context.newPage();
  await other.goto(link);
  await other.waitForSelector("#chart svg");
  assert.equal(await other.inputValue("#editor"), pm);

  if (process.env.SCREENSHOTS) {
    const dir = process.env.SCREENSHOTS;
    await mkdir(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, "playground-light.png") });
    const dark = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: "dark" });
    const d = await dark.newPage();
    await d.goto(link);
    await d.waitForSelector("#chart svg");
    await d.screenshot({ path: path.join(dir, "playground-dark.png") });
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: "light" });
    const p = await phone.newPage();
    await p.goto(link);
    await p.waitForSelector("#chart svg");
    await p.screenshot({ path: path.join(dir, "playground-phone.png"), fullPage: true });
  }
  assert.deepEqual(errors, []);
  console.log(`page: first chart ${firstChart} ms after opening; ${statusText}; all steps passed`);
} finally {
  await browser.close();
  server.close();
}
