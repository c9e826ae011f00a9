// The browser test: plays Two Hats' WebAssembly build (dist/web, built by `make web`) in headless
// Chromium through playwright-core, with the machine's own Chromium (it never downloads one).
//
//   1. the title screen: time from navigation to its first frame, the canvas is not blank, a tap
//      (touch) on "New game" opens the role choice;
//   2. a whole game played by a bot from the URL (?scenario=startup&role=both&seed=7&autoplay=roadmap):
//      no console errors, the end screen is reached, the results JSON parses, the page's
//      "Download results" button saves the same file, and the desktop binary's `replay`
//      reproduces it;
//   3. a bad URL parameter gives a message on the page, not a crash;
//   4. a game is saved in localStorage and continued after a reload; a tap works as a click;
//   5. at a workshop (`twohats serve --scenario tutorial --seed 3 --roles pm,po`): the bare
//      address offers the room's roles; a role's link asks for a name, plays the room's seed
//      whatever the address says, gets the .wasm gzipped (bytes on the wire reported), and the
//      results arrive at the server with that name; /room is screenshot at 1280×720 and
//      390×844 with its QR codes, the game and a file not counted;
//   6. a room of the facilitator's own scenario file: the page fetches it, a bot plays it, and
//      the stored result carries its TOML and content hash;
//   7. short clicks: a 0 ms click (down and up in one task, so inside one frame) and a 10 ms click
//      on the action bar's Next button each act, once;
//   8. a viewport too small (640×400, a phone's 390×844) shows the too-small notice instead of
//      overlapping panels (screenshots small-*.png), and the game shows again at 1280×720;
//   9. a pair game: two pages join one pair at `twohats serve --pairs`, one seat played by a
//      bot, the other by key presses; the server stores one results file that replays, and
//      each page's "Download results" saves that very file;
//  10. /room's table has a Syncs column only when a role it shows holds syncs (not in a room
//      where everyone wears both hats, unless it has pairs).
//
// Run by `make browser-test`. Environment: TWOHATS_WEB (default dist/web), TWOHATS_BIN (the
// desktop binary, default dist/twohats), CHROMIUM (default /usr/bin/chromium), TWOHATS_SHOTS
// (where screenshots go, default dist/browser-test).
import { chromium } from "playwright-core";
import { spawn, execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

const WEB = path.resolve(process.env.TWOHATS_WEB || "dist/web");
const BIN = path.resolve(process.env.TWOHATS_BIN || "dist/twohats");
const SHOTS = path.resolve(process.env.TWOHATS_SHOTS || "dist/browser-test");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const GAME_TIMEOUT = 15 * 60 * 1000; // software WebGL is slow: a whole game takes minutes
const FLAGS = [
  "--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--disable-quic",
  "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

let failures = 0;
function fail(msg) { failures++; console.log(`FAIL ${msg}`); }
let passed = 0;
function ok(msg) { passed++; console.log(`ok   ${msg}`); }
function check(cond, msg) { if (cond) ok(msg); else fail(msg); return cond; }
const secs = (ms) => (ms / 1000).toFixed(2) + " s";

// ---- a tiny static server for dist/web, as any web host would serve it ----
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".png": "image/png" };
function staticServer(root) {
  const srv = http.createServer((req, res) => {
    const u = new URL(req.url, "http://x");
    let p = path.normalize(decodeURIComponent(u.pathname)).replace(/^(\.\.[/\\])+/, "");
    if (p.endsWith("/")) p += "index.html";
    const file = path.join(root, p);
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found");
      return;
    }
    const st = fs.statSync(file);
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", "Content-Length": st.size });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => srv.listen(0, "127.0.0.1", () => resolve(srv)));
}

// ---- one page with its console watched ----
async function open(browser, url, name) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  const page = await context.newPage();
  const log = { errors: [], lines: [] };
  page.on("console", (m) => {
    const text = m.text();
    log.lines.push(`[${m.type()}] ${text}`);
    if (m.type() === "error") {
      // The page asks api/config whether a workshop server is there; a plain static server
      // answers 404, which Chromium reports. That one is expected.
      const where = (m.location() && m.location().url) || "";
      if (/Failed to load resource.*404/.test(text) && where.endsWith("/api/config")) return;
      // In a pair game a move sent just after the partner's reached the room is refused as stale
      // (409), by design: the page drops it and says so. Counted, not an error.
      if (/Failed to load resource.*409/.test(text) && where.endsWith("/api/pair/action")) { log.stale = (log.stale || 0) + 1; return; }
      log.errors.push(text);
    } else if (/^(panic: |fatal error: )/m.test(text)) {
      log.errors.push(text);
    }
  });
  page.on("pageerror", (e) => log.errors.push(`page error: ${e.message}`));
  page.on("crash", () => log.errors.push("the page crashed"));
  const t0 = Date.now();
  await page.goto(url, { waitUntil: "commit" });
  return { context, page, log, t0, name };
}

// Reads the screenshot's pixels in the page (an <img> on a 2D canvas): how many distinct colours
// and how much differs from the most common one.
async function pixels(page, png) {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = "data:image/png;base64," + b64;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext("2d");
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const counts = new Map();
    let n = 0;
    for (let y = 0; y < c.height; y += 4) {
      for (let x = 0; x < c.width; x += 4) {
        const i = (y * c.width + x) * 4;
        const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
        counts.set(k, (counts.get(k) || 0) + 1);
        n++;
      }
    }
    const top = Math.max(...counts.values());
    return { colours: counts.size, other: (n - top) / n, w: c.width, h: c.height };
  }, png.toString("base64"));
}

async function shot(p, file) {
  const png = await p.page.screenshot({ path: path.join(SHOTS, file) });
  return pixels(p.page, png);
}

function noErrors(p) {
  check(p.log.errors.length === 0, `${p.name}: no errors in the console` + (p.log.errors.length ? `:\n  ${p.log.errors.join("\n  ")}` : ""));
}

async function titleTest(browser, base) {
  const p = await open(browser, base + "/", "title");
  await p.page.waitForFunction(() => window.twohats && window.twohats.firstFrame, null, { timeout: 60000, polling: 50 });
  const first = await p.page.evaluate(() => window.twohats.firstFrame);
  const scene = await p.page.evaluate(() => window.twohats.scene);
  const t = await p.page.evaluate(() => ({ ...window.twohats.timing, update: window.twohats.firstUpdate }));
  console.log(`time from navigation to the title's first frame: ${secs(first)} (target 3 s): ` +
    `page script ${secs(t.script)}, browser checked ${secs(t.checked)}, .wasm downloaded and compiled ${secs(t.compiled)}, Go started ${secs(t.run)}, first Update ${secs(t.update)}, first frame ${secs(first)}`);
  check(scene === "title", `title: the first screen is the title (${scene})`);
  await p.page.waitForTimeout(300);
  const px = await shot(p, "title.png");
  check(px.colours >= 8 && px.other > 0.02, `title: the canvas is not blank (${px.colours} colours, ${(px.other * 100).toFixed(1)}% off the background, ${px.w}×${px.h})`);
  // A tap on "New game" (touch arrives as touches, not mouse clicks): the role choice follows.
  const cdp = await p.context.newCDPSession(p.page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: 640, y: 328 }] });
  await p.page.waitForTimeout(150);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  const role = await p.page.waitForFunction(() => window.twohats.scene !== "title" && window.twohats.scene, null, { timeout: 10000 }).then((h) => h.jsonValue(), () => "title");
  check(role === "role", `title: a tap on "New game" opens the role choice (${role})`);
  noErrors(p);
  await p.context.close();
  return first;
}

// A key held for a few frames, as a person presses it (a press shorter than a frame can be missed).
async function key(page, k) {
  await page.keyboard.down(k);
  await page.waitForTimeout(120);
  await page.keyboard.up(k);
  await page.waitForTimeout(120);
}

async function saveTest(browser, base) {
  const p = await open(browser, base + "/?scenario=tutorial&role=pm&seed=3", "save");
  await p.page.waitForFunction(() => window.twohats && window.twohats.scene === "strategy", null, { timeout: 60000 });
  await p.page.waitForTimeout(500);
  await key(p.page, "n"); // N: next phase, a decision
  await p.page.waitForFunction(() => window.twohats.scene !== "strategy", null, { timeout: 10000 }).catch(() => {});
  const saved = await p.page.evaluate(() => localStorage.getItem("twohats.save"));
  let f = null;
  try { f = JSON.parse(saved); } catch (e) { /* checked below */ }
  check(f && f.scenario === "tutorial" && f.seed === 3 && f.actions.length >= 1, `save: the game is saved in localStorage (${f ? f.actions.length + " decision(s)" : saved})`);
  // Reload without parameters: the title offers Continue, and C picks the game up.
  await p.page.goto(base + "/", { waitUntil: "commit" });
  await p.page.waitForFunction(() => window.twohats && window.twohats.scene === "title" && window.twohats.firstFrame, null, { timeout: 60000 });
  await p.page.waitForTimeout(500);
  await key(p.page, "c");
  const scene = await p.page.waitForFunction(() => window.twohats.scene !== "title" && window.twohats.scene, null, { timeout: 10000 }).then((h) => h.jsonValue(), () => "title");
  check(scene === "planning", `save: after a reload, C continues the saved game (${scene})`);
  noErrors(p);
  await p.context.close();
}

async function playTest(browser, base) {
  const url = base + "/?scenario=startup&role=both&seed=7&autoplay=roadmap";
  const p = await open(browser, url, "autoplay");
  await p.page.waitForFunction(() => window.twohats && window.twohats.firstFrame, null, { timeout: 60000 });
  const tStart = Date.now();
  let last = "";
  const poll = setInterval(async () => {
    try {
      const s = await p.page.evaluate(() => window.twohats && window.twohats.scene);
      if (s && s !== last) { last = s; }
    } catch (e) { /* page closing */ }
  }, 1000);
  try {
    await p.page.waitForFunction(() => (window.twohats && window.twohats.scene === "end" && window.twohats.results) || window.twohats.problem,
      null, { timeout: GAME_TIMEOUT, polling: 500 });
  } catch (e) {
    clearInterval(poll);
    fail(`autoplay: the end screen was not reached within ${secs(GAME_TIMEOUT)} (last screen: ${last})`);
    console.log(p.log.lines.slice(-30).join("\n"));
    await p.page.screenshot({ path: path.join(SHOTS, "autoplay-timeout.png") });
    await p.context.close();
    return;
  }
  clearInterval(poll);
  const problem = await p.page.evaluate(() => window.twohats.problem);
  if (problem) {
    fail(`autoplay: the page reports a problem: ${problem}`);
    console.log(p.log.lines.slice(-30).join("\n"));
    await p.context.close();
    return;
  }
  console.log(`autoplay: a whole startup game took ${secs(Date.now() - tStart)} from the first frame to the end screen`);
  check(p.log.lines.some((l) => l.includes("twohats: scene end")), "autoplay: the console says \"twohats: scene end\"");
  await p.page.waitForTimeout(500);
  const px = await shot(p, "end.png");
  check(px.colours >= 8 && px.other > 0.02, `autoplay: the end screen is not blank (${px.colours} colours)`);

  const { json, name } = await p.page.evaluate(() => ({ json: window.twohats.results, name: window.twohats.resultsName }));
  let res = null;
  try { res = JSON.parse(json); } catch (e) { fail(`autoplay: the results are not JSON: ${e.message}`); }
  if (res) {
    check(res.scenario === "startup" && res.role === "both" && res.seed === 7 && res.policy === "roadmap",
      `autoplay: the results are startup, both, seed 7, roadmap (${res.scenario}, ${res.role}, ${res.seed}, ${res.policy}; score ${res.score}, grade ${res.grade})`);
  }
  // The page's button saves the file.
  const bar = p.page.locator("#download");
  if (check(await bar.isVisible(), "autoplay: the page shows \"Download results\" on the end screen")) {
    const [dl] = await Promise.all([p.page.waitForEvent("download", { timeout: 10000 }), bar.click()]);
    const saved = path.join(SHOTS, dl.suggestedFilename());
    await dl.saveAs(saved);
    check(dl.suggestedFilename() === name && fs.readFileSync(saved, "utf8") === json, `autoplay: the download is ${name}, the same bytes`);
    // The desktop binary replays it.
    try {
      const out = execFileSync(BIN, ["replay", saved], { encoding: "utf8" });
      ok(`autoplay: \`twohats replay\` reproduces the browser's result: ${out.trim().split("\n").pop()}`);
    } catch (e) {
      fail(`autoplay: \`twohats replay ${saved}\` failed (exit ${e.status}):\n${e.stdout}${e.stderr}`);
    }
  }
  noErrors(p);
  await p.context.close();
}

async function badParamTest(browser, base) {
  const p = await open(browser, base + "/?scenario=startup&role=boss", "bad parameter");
  await p.page.waitForFunction(() => window.twohats && (window.twohats.problem || window.twohats.firstFrame), null, { timeout: 60000 });
  const problem = await p.page.evaluate(() => window.twohats.problem);
  const text = await p.page.locator("#problem").innerText().catch(() => "");
  check(problem === "This link's settings are not right" && /role/.test(text), `bad parameter: the page says so (${JSON.stringify(text.split("\n").pop())})`);
  await p.page.screenshot({ path: path.join(SHOTS, "bad-parameter.png") });
  await p.context.close();
}

// serve starts `twohats serve` with args on a free port of 127.0.0.1 and waits until it answers.
// out() is what it has printed so far; stop() stops it as Ctrl+C does and waits for it to exit.
async function serve(args) {
  const port = await new Promise((resolve) => { const s = http.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); }); });
  const srv = spawn(BIN, [...args, "--addr", `127.0.0.1:${port}`], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  srv.stdout.on("data", (d) => { out += d; });
  srv.stderr.on("data", (d) => { out += d; });
  const stop = async () => {
    srv.kill("SIGINT");
    await new Promise((r) => { srv.on("exit", r); setTimeout(r, 5000); });
  };
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { const r = await fetch(base + "/api/config"); if (r.ok) break; } catch (e) { /* not yet */ }
    if (i > 100) {
      await stop();
      throw new Error("twohats serve did not start:\n" + out);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, out: () => out, stop };
}

async function workshopTest(browser) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twohats-results-"));
  fs.writeFileSync(path.join(dir, "0099-stray.json"), "{ not a results file");
  let srv;
  try {
    srv = await serve(["serve", "--scenario", "tutorial", "--seed", "3", "--roles", "pm,po", "--web", WEB, "--results", dir]);
    const base = srv.base;
    check(/Product Manager: +http:\/\/127\.0\.0\.1:\d+\/\?role=pm/.test(srv.out()), "workshop: serve prints a link per role");

    // The bare address: the room's game, and the player picks among the room's roles.
    const bare = await open(browser, base + "/", "workshop bare address");
    await bare.page.locator("#role-buttons button").first().waitFor({ state: "visible", timeout: 60000 });
    const roles = await bare.page.locator("#role-buttons button").allInnerTexts();
    check(roles.join(",") === "Product Manager,Product Owner", `workshop: the bare address offers the room's roles (${roles.join(", ")})`);
    await bare.page.screenshot({ path: path.join(SHOTS, "workshop-roles.png") });
    noErrors(bare);
    await bare.context.close();

    // A role's link, with a seed in the address the room overrides; a bot plays it through.
    const p = await open(browser, base + "/?role=pm&seed=41&autoplay=roadmap", "workshop");
    const wasm = [];
    p.page.on("response", async (r) => {
      if (!/twohats\.wasm/.test(r.url())) return;
      const sizes = await r.request().sizes().catch(() => null);
      wasm.push({ headers: await r.allHeaders(), status: r.status(), sizes });
    });
    await p.page.locator("#name").waitFor({ state: "visible", timeout: 60000 });
    ok("workshop: the page asks for a name");
    await p.page.screenshot({ path: path.join(SHOTS, "workshop-name.png") });
    await p.page.locator("#name").fill("Ada L.");
    await p.page.locator("#play").click();
    const t = Date.now();
    await p.page.waitForFunction(() => (window.twohats && window.twohats.outcome) || window.twohats.problem, null, { timeout: GAME_TIMEOUT, polling: 500 });
    const outcome = await p.page.evaluate(() => window.twohats.outcome || window.twohats.problem);
    console.log(`workshop: a tutorial game took ${secs(Date.now() - t)}`);
    check(/^Sent to the workshop/.test(outcome), `workshop: the page says ${JSON.stringify(outcome)}`);
    const w = wasm.find((x) => x.status === 200);
    if (check(w && w.headers["content-encoding"] === "gzip" && /accept-encoding/i.test(w.headers["vary"] || "") && /immutable/.test(w.headers["cache-control"] || ""),
      `workshop: the .wasm comes gzipped, with Vary and a versioned cache (${w ? JSON.stringify({ enc: w.headers["content-encoding"], vary: w.headers["vary"], cache: w.headers["cache-control"] }) : "no response seen"})`)) {
      const raw = fs.statSync(path.join(WEB, "twohats.wasm")).size;
      const wire = w.sizes ? w.sizes.responseBodySize + w.sizes.responseHeadersSize : Number(w.headers["content-length"]);
      console.log(`workshop: bytes on the wire for the .wasm: ${wire} (the file is ${raw} bytes)`);
    }
    await p.page.waitForTimeout(500);
    await p.page.screenshot({ path: path.join(SHOTS, "workshop-end.png") });
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "room.json" && f !== "0099-stray.json");
    const stored = files.length === 1 ? JSON.parse(fs.readFileSync(path.join(dir, files[0]), "utf8")) : null;
    check(stored && stored.player === "Ada L." && stored.role === "pm" && stored.seed === 3 && stored.scenario === "tutorial",
      `workshop: the server stored the room's game with the name (${files.join(", ")}: seed ${stored && stored.seed})`);
    noErrors(p);
    await p.context.close();

    // The room, on a projector and on a phone.
    for (const [name, vp] of [["room-1280x720.png", { width: 1280, height: 720 }], ["room-phone-390x844.png", { width: 390, height: 844 }]]) {
      const context = await browser.newContext({ viewport: vp });
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
      await page.goto(base + "/room");
      await page.waitForFunction(() => document.querySelectorAll("#rows tr").length > 0 && document.querySelector("#left-list li") &&
        document.querySelectorAll("#join img").length === 2 && [...document.querySelectorAll("#join img")].every((i) => i.complete && i.naturalWidth > 0),
        null, { timeout: 20000 }).catch(() => {});
      await page.waitForTimeout(300);
      const qrOK = await page.evaluate(() => [...document.querySelectorAll("#join img")].every((i) => i.complete && i.naturalWidth > 0));
      const text = await page.locator("body").innerText();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await page.screenshot({ path: path.join(SHOTS, name), fullPage: false });
      await page.screenshot({ path: path.join(SHOTS, name.replace(".png", "-full.png")), fullPage: true });
      const missing = [[qrOK, "QR codes"], [/Ada L\./.test(text), "the game"], [/bot: roadmap/.test(text), "the bot mark"],
        [/0099-stray\.json/.test(text), "the file not counted"], [overflow <= 0, "no sideways scroll"], [errors.length === 0, "no errors"]].filter((x) => !x[0]).map((x) => x[1]);
      check(missing.length === 0,
        `room ${vp.width}×${vp.height}: QR codes, the game (marked as a bot's), the file not counted, no sideways scroll (${overflow}px)` +
        (missing.length ? `; missing: ${missing.join(", ")}` : "") + (errors.length ? `; errors: ${errors.join("; ")}` : ""));
      await context.close();
    }
  } finally {
    if (srv) {
      await srv.stop();
      check(/Stopped\. 1 game\(s\) stored/.test(srv.out()), "workshop: Ctrl+C stops the server cleanly");
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// A facilitator's own scenario file: the page fetches it from the server and hands it to the
// game; a bot plays it; the stored result carries the file's TOML and its content hash.
async function ownScenarioTest(browser) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twohats-own-"));
  const toml = path.join(dir, "our-bakery.toml");
  const src = fs.readFileSync(path.resolve("scenarios/tutorial.toml"), "utf8") + "\n# the facilitator's own copy\n";
  fs.writeFileSync(toml, src);
  const results = path.join(dir, "results");
  let srv;
  try {
    srv = await serve(["serve", "--scenario", toml, "--seed", "5", "--roles", "both", "--web", WEB, "--results", results]);
    const p = await open(browser, srv.base + "/?autoplay=roadmap", "own scenario");
    await p.page.locator("#name").waitFor({ state: "visible", timeout: 60000 });
    await p.page.locator("#name").fill("Grace");
    await p.page.locator("#play").click();
    await p.page.waitForFunction(() => (window.twohats && window.twohats.outcome) || window.twohats.problem, null, { timeout: GAME_TIMEOUT, polling: 500 });
    const outcome = await p.page.evaluate(() => window.twohats.outcome || window.twohats.problem);
    check(/^Sent to the workshop/.test(outcome), `own scenario: the page says ${JSON.stringify(outcome)}`);
    const files = fs.readdirSync(results).filter((f) => f.endsWith(".json") && f !== "room.json");
    const stored = files.length === 1 ? JSON.parse(fs.readFileSync(path.join(results, files[0]), "utf8")) : null;
    const hash = crypto.createHash("sha256").update(src).digest("hex");
    check(stored && stored.scenario_source === src && stored.scenario_hash === hash && stored.seed === 5 && stored.role === "both",
      `own scenario: the stored game carries the file's TOML and hash (${files.join(", ")})`);
    noErrors(p);
    await p.context.close();
  } finally {
    if (srv) await srv.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// /room's table has a Syncs column only where a shown role holds syncs: a room where everyone
// wears both hats has none; a PM/PO room has one (a single hat syncs with the colleague), and so
// has a both-hats room with pairs. Each room's folder holds one game the desktop binary played.
async function roomColumnsTest(browser) {
  for (const [roles, pairs, role, want, cols] of [["both", false, "both", false, "Both"], ["pm,po", false, "pm", true, "PM,PO"], ["both", true, "both", true, "Both,Pair"]]) {
    const name = `room columns (${roles}${pairs ? ", pairs" : ""})`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twohats-cols-"));
    execFileSync(BIN, ["sim", "--scenario", "tutorial", "--role", role, "--policy", "roadmap", "--seed", "3", "--runs", "1", "--results-dir", dir], { encoding: "utf8" });
    const args = ["serve", "--scenario", "tutorial", "--seed", "3", "--roles", roles, "--results", dir];
    if (pairs) args.push("--pairs");
    let srv;
    try {
      srv = await serve(args);
      const base = srv.base;
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(base + "/room");
      // The room's configuration and the list arrive in either order: wait for both.
      await page.waitForFunction(() => document.querySelector("#room").textContent !== "" && document.querySelectorAll("#rows tr td.grade").length === 1, null, { timeout: 20000 }).catch(() => {});
      await page.waitForTimeout(300);
      const t = await page.evaluate(() => ({
        head: [...document.querySelectorAll("#rows")[0].closest("table").querySelectorAll("thead th")].filter((th) => !th.hidden).map((th) => th.textContent),
        cells: [...document.querySelectorAll("#rows tr:first-child td")].map((td) => td.textContent),
        chart: [...document.querySelectorAll('#c-score text[font-size="22"]')].map((x) => x.textContent).join(","),
      }));
      const shown = t.head.includes("Syncs");
      const syncs = shown ? t.cells[t.head.indexOf("Syncs")] : "";
      check(shown === want && t.cells.length === t.head.length && (!shown || syncs === (role === "both" ? "–" : String(Number(syncs)))) && t.chart === cols && errors.length === 0,
        `${name}: the table ${want ? "has a" : "has no"} Syncs column, the charts the room's roles (columns ${t.head.join(", ")}; the ${role} game's row ${t.cells.length} cells${shown ? ", syncs " + syncs : ""}; the score chart's ${t.chart})` + (errors.length ? `; errors: ${errors.join("; ")}` : ""));
      await page.screenshot({ path: path.join(SHOTS, `room-columns-${roles.replace(",", "-")}${pairs ? "-pairs" : ""}.png`) });
      await context.close();
    } finally {
      if (srv) await srv.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

// The decisions saved in localStorage: each one acted on is saved at once.
async function decisions(page) {
  return page.evaluate(() => {
    try { return JSON.parse(localStorage.getItem("twohats.save")).actions.length; } catch (e) { return -1; }
  });
}

// Waits for n animation frames: the game ignores presses for a few ticks after a screen changes
// (no click-through), and under load a frame takes longer than usual, so a fixed delay is not enough.
async function frames(page, n) {
  await page.evaluate((n) => new Promise((done) => {
    let k = 0;
    const f = () => (++k >= n ? done() : requestAnimationFrame(f));
    requestAnimationFrame(f);
  }), n);
}

// Short clicks on the action bar's Next button (startup as the PM at 1280×720: "To planning" at
// 209,668 on the strategy board, "Start sprint" at 390,668 on the planning board, as the layout
// goldens place them). Each click must act, and only once.
async function clickTest(browser, base) {
  const p = await open(browser, base + "/?scenario=startup&role=pm&seed=7", "click");
  await p.page.waitForFunction(() => window.twohats && window.twohats.scene === "strategy", null, { timeout: 60000 });
  await frames(p.page, 40);
  // 0 ms: both events in one task, so no frame can come between them.
  await p.page.evaluate(() => {
    const c = document.querySelector("canvas");
    const at = { clientX: 209, clientY: 668, button: 0, buttons: 1, bubbles: true };
    c.dispatchEvent(new MouseEvent("mousemove", { ...at, buttons: 0 }));
    c.dispatchEvent(new MouseEvent("mousedown", at));
    c.dispatchEvent(new MouseEvent("mouseup", { ...at, buttons: 0 }));
  });
  const s1 = await p.page.waitForFunction(() => window.twohats.scene !== "strategy" && window.twohats.scene, null, { timeout: 5000 }).then((h) => h.jsonValue(), () => "strategy");
  await p.page.waitForTimeout(300);
  const n1 = await decisions(p.page);
  check(s1 === "planning" && n1 === 1, `click: a 0 ms click on "To planning" acts once (${s1}, ${n1} decision(s))`);
  await frames(p.page, 40);
  // 10 ms, through the browser's own input.
  await p.page.mouse.move(390, 668);
  await p.page.mouse.down();
  await p.page.waitForTimeout(10);
  await p.page.mouse.up();
  const s2 = await p.page.waitForFunction(() => window.twohats.scene !== "planning" && window.twohats.scene, null, { timeout: 5000 }).then((h) => h.jsonValue(), () => "planning");
  await p.page.waitForTimeout(300);
  const n2 = await decisions(p.page);
  check(s2 === "execution" && n2 === 2, `click: a 10 ms click on "Start sprint" acts once (${s2}, ${n2} decision(s))`);
  noErrors(p);
  await p.context.close();
}

// A viewport below the layout's minimum (960×540) shows the notice, not the screen.
async function smallTest(browser, base) {
  for (const [w, h, name] of [[640, 400, "small-640x400.png"], [390, 844, "small-390x844.png"]]) {
    const p = await open(browser, base + "/?scenario=startup&role=both&seed=7", `small ${w}×${h}`);
    await p.page.setViewportSize({ width: w, height: h });
    await p.page.waitForFunction(() => window.twohats && window.twohats.firstFrame && window.twohats.scene === "strategy", null, { timeout: 60000 });
    await p.page.waitForTimeout(500);
    const small = await p.page.evaluate(() => window.twohats.tooSmall);
    const px = await shot(p, name);
    check(small === true && px.colours >= 4, `small: at ${w}×${h} the too-small notice shows (tooSmall ${small}, ${px.colours} colours, ${name})`);
    await p.page.setViewportSize({ width: 1280, height: 720 });
    const back = await p.page.waitForFunction(() => window.twohats.tooSmall === false, null, { timeout: 5000 }).then(() => true, () => false);
    check(back, `small: from ${w}×${h} back to 1280×720, the game shows again`);
    noErrors(p);
    await p.context.close();
  }
}

// A pair game: two pages join one pair at a real `twohats serve --pairs`. The first page's seat
// (the PO) is played by a bot (?join&autoplay=roadmap) and shows the pair code; the second page
// types nothing but presses keys as a person would: Enter to join with the code from its link,
// then on its turns S to accept a sync, 1 for an event's first choice, N to say it is done. The
// game ends on both pages, and the server stores one results file, naming both players, that
// `twohats replay` reproduces.
async function pairTest(browser) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twohats-pair-"));
  const pairOf = (page) => page.evaluate(() => { try { return JSON.parse(window.twohats.pair || "null"); } catch (e) { return null; } });
  let srv;
  try {
    srv = await serve(["serve", "--scenario", "startup", "--seed", "7", "--pairs", "--web", WEB, "--results", dir]);
    const base = srv.base;
    const bot = await open(browser, base + "/?join&name=Bea&hat=po&autoplay=roadmap", "pair PO (bot)");
    await bot.page.waitForFunction(() => { try { return JSON.parse(window.twohats.pair).code; } catch (e) { return false; } }, null, { timeout: 60000, polling: 200 });
    const code = (await pairOf(bot.page)).code;
    check(/^[A-Z]{5}$/.test(code), `pair: the first page starts a pair and shows its code (${code})`);
    await bot.page.waitForTimeout(300);
    await bot.page.screenshot({ path: path.join(SHOTS, "pair-code.png") });

    const person = await open(browser, base + `/?join&name=Ben&code=${code}&hat=pm`, "pair PM (keys)");
    await person.page.waitForFunction(() => window.twohats && window.twohats.scene === "join" && window.twohats.firstFrame, null, { timeout: 60000 });
    await person.page.waitForTimeout(400);
    await key(person.page, "Enter");
    await person.page.waitForFunction(() => window.twohats.scene !== "join", null, { timeout: 30000 }).catch(() => {});
    check(await person.page.evaluate(() => window.twohats.scene) === "strategy", "pair: the second page joins with the code and opens on the PM's strategy");
    const t = Date.now();
    let presses = 0, shotWait = false, shotSync = false, last = null, still = 0;
    for (;;) {
      const [scene, st] = await Promise.all([person.page.evaluate(() => window.twohats.scene), pairOf(person.page)]);
      if (scene === "end" || Date.now() - t > GAME_TIMEOUT) break;
      if (!st) { await person.page.waitForTimeout(200); continue; }
      if (!st.turn && !shotWait && st.phase === "planning") {
        shotWait = true;
        await person.page.screenshot({ path: path.join(SHOTS, "pair-pm-waiting.png") });
      }
      if (st.turn) {
        let k = "n";
        if (st.event) k = "1";
        else if (st.proposal === "po") {
          k = "s";
          if (!shotSync) { shotSync = true; await person.page.screenshot({ path: path.join(SHOTS, "pair-pm-sync-prompt.png") }); }
        }
        await key(person.page, k);
        presses++;
      } else {
        await person.page.waitForTimeout(150);
      }
      // A turn that does not move on after many presses is stuck: say where.
      const now = JSON.stringify(st);
      still = now === last ? still + 1 : 0;
      last = now;
      if (still > 60) { fail(`pair: the PM's page is stuck at ${now}`); break; }
    }
    const scene = await person.page.evaluate(() => window.twohats.scene);
    console.log(`pair: a whole startup pair game took ${secs(Date.now() - t)}, ${presses} key presses on the PM's page; moves refused as stale (the partner's came first): PM ${person.log.stale || 0}, PO ${bot.log.stale || 0}`);
    check(scene === "end", `pair: the PM's page reaches the debrief (${scene})`);
    await bot.page.waitForFunction(() => window.twohats.scene === "end", null, { timeout: 60000 }).catch(() => {});
    check(await bot.page.evaluate(() => window.twohats.scene) === "end", "pair: the PO's page reaches the debrief too");
    await person.page.waitForFunction(() => { try { return JSON.parse(window.twohats.pair).state === "stored"; } catch (e) { return false; } }, null, { timeout: 30000, polling: 500 }).catch(() => {});
    await person.page.waitForTimeout(500);
    await person.page.screenshot({ path: path.join(SHOTS, "pair-end.png") });
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "room.json");
    const stored = files.length === 1 ? JSON.parse(fs.readFileSync(path.join(dir, files[0]), "utf8")) : null;
    const players = stored && stored.players ? JSON.stringify(stored.players) : "";
    check(stored && stored.role === "pair" && /Ben/.test(players) && /Bea/.test(players),
      `pair: the server stored one results file naming both players (${files.join(", ")}: ${players})`);
    if (stored) {
      try {
        const out = execFileSync(BIN, ["replay", path.join(dir, files[0])], { encoding: "utf8" });
        ok(`pair: \`twohats replay\` reproduces the pair's file: ${out.trim().split("\n").pop()}`);
      } catch (e) {
        fail(`pair: \`twohats replay\` failed (exit ${e.status}):\n${e.stdout}${e.stderr}`);
      }
    }
    const mine = await pairOf(person.page);
    check(mine && mine.actions === (stored ? stored.actions.length : -1), `pair: the page's game has the stored game's ${mine && mine.actions} actions`);
    // Each player keeps the pair's results file as a solo player keeps theirs: the page's
    // "Download results" saves the very file the room stored, which the desktop binary replays.
    for (const [who, p] of [["PM", person], ["PO", bot]]) {
      await p.page.waitForFunction(() => window.twohats.results, null, { timeout: 30000, polling: 200 }).catch(() => {});
      const bar = p.page.locator("#download");
      if (!check(stored && await bar.isVisible(), `pair: the ${who}'s debrief offers "Download results"`)) continue;
      const [dl] = await Promise.all([p.page.waitForEvent("download", { timeout: 10000 }), bar.click()]);
      const saved = path.join(SHOTS, `pair-${who.toLowerCase()}-${dl.suggestedFilename()}`);
      await dl.saveAs(saved);
      check(dl.suggestedFilename() === files[0] && fs.readFileSync(saved).equals(fs.readFileSync(path.join(dir, files[0]))),
        `pair: the ${who}'s download is ${dl.suggestedFilename()}, the bytes the room stored`);
      try {
        execFileSync(BIN, ["replay", saved], { encoding: "utf8" });
        ok(`pair: \`twohats replay\` reproduces the ${who}'s copy`);
      } catch (e) {
        fail(`pair: \`twohats replay ${saved}\` failed (exit ${e.status}):\n${e.stdout}${e.stderr}`);
      }
    }
    await person.page.screenshot({ path: path.join(SHOTS, "pair-end-download.png") });
    noErrors(bot);
    noErrors(person);
    await bot.context.close();
    await person.context.close();
  } finally {
    if (srv) await srv.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  for (const f of ["index.html", "wasm_exec.js", "twohats.wasm", "twohats.wasm.gz"]) {
    if (!fs.existsSync(path.join(WEB, f))) { console.log(`FAIL ${WEB}/${f} is missing: run make web`); process.exit(1); }
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  const srv = await staticServer(WEB);
  const base = `http://127.0.0.1:${srv.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const only = process.argv.slice(2);
  const want = (n) => only.length === 0 || only.includes(n);
  try {
    if (want("title")) await titleTest(browser, base);
    if (want("bad")) await badParamTest(browser, base);
    if (want("save")) await saveTest(browser, base);
    if (want("play")) await playTest(browser, base);
    if (want("workshop")) await workshopTest(browser);
    if (want("own")) await ownScenarioTest(browser);
    if (want("columns")) await roomColumnsTest(browser);
    if (want("click")) await clickTest(browser, base);
    if (want("small")) await smallTest(browser, base);
    if (want("pair")) await pairTest(browser);
  } finally {
    await browser.close();
    srv.close();
  }
  console.log(`screenshots in ${SHOTS}`);
  console.log(`browser test: ${passed} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
}

main().catch((e) => { console.log(`FAIL ${e.stack || e}`); process.exit(1); });
