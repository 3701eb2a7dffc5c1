// The playground: the pasted text goes to pmchart compiled to WebAssembly (pkg/, built by
// web/build.sh), which returns the diagnostics, the SVG chart and the README block.
const $ = (id) => document.getElementById(id);
const editor = $("editor"), chart = $("chart"), list = $("diagnostics"), status = $("status");

const EXAMPLES = {
  markdown: `# Checkout outage on 4 June 2024

## Issue Summary

From 14:02 to 14:52 UTC the checkout API returned errors for about 40% of users.
The root cause was a full disk on the primary database.

## Timeline (UTC)

- 14:02 - Monitoring alert: API error rate above 5%
- 14:06 - On-call engineer acknowledged the page
- 14:15 - Suspected the load balancer; a dead end [misleading]
- 14:25 - Escalated to the database team
- 14:40 - Freed disk space and failed over to the replica
- 14:52 - Error rate back to normal; incident resolved
`,
  json: JSON.stringify({
    title: "Database failover",
    timezone: "Europe/Berlin",
    events: [
      { time: "2024-06-04T14:02:00Z", kind: "detect", text: "Alert: error rate above 5%" },
      { time: "2024-06-04T14:06:00Z", kind: "acknowledge", text: "On-call acknowledged" },
      { time: "2024-06-04T14:25:00Z", kind: "escalate", actor: "DB team", text: "Paged the DB team" },
      { time: "2024-06-04T14:52:00Z", kind: "resolve", text: "Recovered" },
    ],
  }, null, 2) + "\n",
};

let wasm = null, generation = 0, fileName = "README.md", last = null;

async function load() {
  // A fresh instance each time: after a panic the old one is unusable.
  generation += 1;
  const mod = await import(`./pkg/pmchart_web.js?instance=${generation}`);
  await mod.default();
  wasm = mod;
}

function theme() {
  return document.documentElement.dataset.theme === "dark" ? "dark" : "light";
}

function setTheme(dark) {
  document.documentElement.dataset.theme = dark ? "dark" : "light";
  $("theme").setAttribute("aria-pressed", String(dark));
  $("theme").textContent = dark ? "Light theme" : "Dark theme";
}

function width() {
  const w = Number($("width").value);
  return Number.isFinite(w) ? Math.min(4000, Math.max(480, Math.round(w))) : 900;
}

/// Runs a call into the WebAssembly; a panic is reported and the module loaded again.
async function guarded(call) {
  try {
    return call();
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) {
      status.textContent = String((e && e.message) || e);
      return null;
    }
    const why = (wasm && wasm.last_panic && safe(() => wasm.last_panic())) || String(e);
    status.textContent = `Internal error in pmchart (please report it): ${why}`;
    await load();
    return null;
  }
}

function safe(f) {
  try { return f(); } catch { return null; }
}

function offsetOfLine(text, line) {
  let offset = 0;
  for (let i = 1; i < line; i += 1) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset;
}

function selectLine(line) {
  const text = editor.value;
  const start = offsetOfLine(text, line);
  const end = text.indexOf("\n", start);
  editor.focus();
  editor.setSelectionRange(start, end < 0 ? text.length : end);
  // Scroll the selection into view: the line's share of the text's height.
  const lines = text.split("\n").length;
  editor.scrollTop = Math.max(0, (line - 3) / lines * editor.scrollHeight);
}

function showDiagnostics(diagnostics) {
  list.replaceChildren();
  for (const d of diagnostics) {
    const li = document.createElement("li");
    li.className = d.severity;
    const b = document.createElement("button");
    b.type = "button";
    const where = d.line ? `line ${d.line}` : "whole file";
    const code = document.createElement("span");
    code.className = "code";
    code.textContent = `${d.severity}[${d.code}] ${where}: `;
    b.append(code, document.createTextNode(d.message));
    if (d.help) {
      const help = document.createElement("span");
      help.className = "help";
      help.textContent = `help: ${d.help}`;
      b.append(help);
    }
    if (d.line) b.addEventListener("click", () => selectLine(d.line));
    else b.disabled = true;
    li.append(b);
    list.append(li);
  }
}

async function update() {
  if (!wasm) return;
  const started = performance.now();
  const json = await guarded(() => wasm.render(editor.value, fileName, theme(), width(), $("tz").value));
  if (json === null) return;
  last = JSON.parse(json);
  if (last.svg) {
    // pmchart's own SVG: every text from the input is escaped, and it has no script.
    chart.innerHTML = last.svg;
  } else {
    chart.innerHTML = "<p>No chart: fix the errors listed below.</p>";
  }
  showDiagnostics(last.diagnostics);
  const errors = last.diagnostics.filter((d) => d.severity === "error").length;
  status.textContent = `${last.diagnostics.length} diagnostics (${errors} errors), drawn in ${Math.round(performance.now() - started)} ms`;
}

let timer = null;
function soon() {
  clearTimeout(timer);
  timer = setTimeout(update, 150);
}

function download(name, type, data) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function bytesOf(stream) {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function packText(text) {
  const packed = await bytesOf(new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw")));
  let s = "";
  for (const b of packed) s += String.fromCharCode(b);
  return btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

async function unpackText(code) {
  const b64 = code.replaceAll("-", "+").replaceAll("_", "/");
  const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const out = await bytesOf(new Blob([raw]).stream().pipeThrough(new DecompressionStream("deflate-raw")));
  return new TextDecoder().decode(out);
}

async function copy(text, what) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = `${what} copied.`;
  } catch {
    status.textContent = `${what}: ${text}`;
  }
}

async function main() {
  const dark = window.matchMedia("(prefers-color-scheme: dark)");
  setTheme(dark.matches);
  dark.addEventListener("change", (e) => { setTheme(e.matches); soon(); });
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get("t")) {
    try {
      editor.value = await unpackText(hash.get("t"));
      fileName = hash.get("n") || fileName;
    } catch {
      status.textContent = "The share link is damaged: its text could not be read.";
    }
  } else {
    editor.value = EXAMPLES.markdown;
  }
  await load();
  const t0 = performance.now();
  await update();
  document.body.dataset.ready = String(Math.round(performance.now() - t0));

  editor.addEventListener("input", soon);
  $("tz").addEventListener("input", soon);
  $("width").addEventListener("change", update);
  $("theme").addEventListener("click", () => { setTheme(theme() !== "dark"); update(); });
  $("example").addEventListener("change", (e) => {
    const v = e.target.value;
    if (!v) return;
    editor.value = EXAMPLES[v];
    fileName = v === "json" ? "incident.json" : "README.md";
    update();
  });
  const open = async (file) => {
    fileName = file.name;
    editor.value = await file.text();
    update();
  };
  $("file").addEventListener("change", (e) => e.target.files[0] && open(e.target.files[0]));
  editor.addEventListener("dragover", (e) => { e.preventDefault(); editor.classList.add("drop"); });
  editor.addEventListener("dragleave", () => editor.classList.remove("drop"));
  editor.addEventListener("drop", (e) => {
    e.preventDefault();
    editor.classList.remove("drop");
    if (e.dataTransfer.files[0]) open(e.dataTransfer.files[0]);
  });
  $("download-svg").addEventListener("click", () => {
    if (last && last.svg) download(theme() === "dark" ? "timeline-dark.svg" : "timeline.svg", "image/svg+xml", last.svg);
    else status.textContent = "No chart to download: fix the errors first.";
  });
  $("download-png").addEventListener("click", async () => {
    const png = await guarded(() => wasm.png(editor.value, fileName, theme(), width(), $("tz").value, 2));
    if (png) download(theme() === "dark" ? "timeline-dark.png" : "timeline.png", "image/png", png);
  });
  $("copy-block").addEventListener("click", () => {
    if (last && last.block) {
      copy(last.block, "The README block (commit timeline.svg and timeline-dark.svg beside the README: download both themes)");
    }
  });
  $("share").addEventListener("click", async () => {
    const link = `${location.origin}${location.pathname}#n=${encodeURIComponent(fileName)}&t=${await packText(editor.value)}`;
    history.replaceState(null, "", link);
    copy(link, "The share link");
  });
}

main();
