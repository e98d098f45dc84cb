// Drives the self-check page in headless Chromium (Debian's, through playwright-core)
// and prints one JSON report on stdout for tests/page_browser.rs to check against the
// CLI: each scenario's verdict and final answers, every network request after load,
// every CSP violation, axe-core's serious and critical violations, timings, and
// whether the page fits 320 px. Screenshots go to the folder given.
//
// usage: node browser.js PAGE.html SHOTS_DIR
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const [pagePath, shots] = process.argv.slice(2);
const url = "file://" + path.resolve(pagePath);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const pad = (n) => String(n).padStart(2, "0");
const day = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const daysFromNow = (n) => new Date(Date.now() + n * 86400000);

// Each scenario answers by question id: an option's label, or a value to type.
const scenarios = [
  {
    name: "candidate",
    answers: {
      procedure_time: `${day(daysFromNow(7))}T10:30`,
      treatment_area: "Face",
      wears_makeup: "Yes",
    },
    otherwise: "No",
    ics: true,
  },
  {
    name: "defer",
    answers: { radiation_therapy: "Yes", radiation_end_date: day(daysFromNow(-30)) },
    otherwise: "No",
  },
  {
    name: "review",
    answers: { psoriasis: "Not sure" },
    otherwise: "No",
    keyboard: true,
  },
  {
    // A browser that reads Spanish: Spanish questions (each offering "No estoy
    // seguro/a") and a deferral with its date in Spanish; the switcher is tried on the way.
    name: "spanish",
    locale: "es-ES",
    answers: { radiation_therapy: "Sí", radiation_end_date: day(daysFromNow(-30)) },
    otherwise: "No",
    switcher: true,
  },
];
const YES = ["Yes", "Sí"];
const NOT_SURE = ["Not sure", "No estoy seguro/a"];

const offset = (d) => {
  const m = -d.getTimezoneOffset();
  return `${m < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(m) / 60))}:${pad(Math.abs(m) % 60)}`;
};

// A rule-file text in the file's first language (a text is a string, or one per language).
const inBase = (rules, text) =>
  typeof text === "string" ? text : text[(rules.languages || ["en"])[0]];

// What was entered, as the answers document the CLI reads: option labels back to their
// values through the rule file the page carries.
async function answersDoc(page, asked, scenario) {
  const rules = JSON.parse(JSON.parse(await page.textContent("#rules")));
  const doc = {};
  for (const id of asked) {
    const want = scenario.answers[id] ?? scenario.otherwise;
    const q = rules.questions.find((x) => x.id === id);
    if (NOT_SURE.includes(want)) doc[id] = null;
    else if (q.type === "boolean") doc[id] = YES.includes(want);
    else if (q.type === "choice") doc[id] = q.options.find((o) => inBase(rules, o.label) === want).value;
    else if (q.type === "datetime") doc[id] = `${want}:00${offset(new Date(want))}`;
    else doc[id] = want;
  }
  return doc;
}

async function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

async function axe(page, where, report) {
  const result = await page.evaluate(`${axeSource}; axe.run(document, { resultTypes: ["violations"] })`);
  for (const v of result.violations) {
    if (v.impact === "serious" || v.impact === "critical") {
      report.axe.push({ where, id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) });
    }
  }
  report.axe_runs += 1;
}

// Picks an option by its label with the keyboard only: Tab into the group, arrows to it,
// Tab to Next, Enter.
async function pickByKeyboard(page, label) {
  const labels = await page.$$eval("#options label", (ls) => ls.map((l) => l.textContent));
  const target = labels.indexOf(label);
  if (target < 0) throw new Error(`no option ${label} in ${labels}`);
  await page.keyboard.press("Tab");
  const checked = await page.$$eval("#options input", (is) => is.findIndex((i) => i.checked));
  let at = checked < 0 ? 0 : checked;
  if (checked < 0) await page.keyboard.press("Space");
  while (at < target) { await page.keyboard.press("ArrowDown"); at += 1; }
  while (at > target) { await page.keyboard.press("ArrowUp"); at -= 1; }
  await page.keyboard.press("Tab"); // Back
  await page.keyboard.press("Tab"); // Next
  await page.keyboard.press("Enter");
}

async function run(browser, scenario, report, width) {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    acceptDownloads: true,
    locale: scenario.locale || "en-US",
  });
  const page = await context.newPage();
  const requests = [];
  const violations = [];
  let loaded = false;
  context.on("request", (r) => { if (loaded) requests.push(r.url().slice(0, 60)); });
  page.on("console", (m) => { if (m.type() === "error") violations.push(`console: ${m.text()}`); });
  await page.exposeFunction("__cspViolation", (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url, { waitUntil: "load" });
  loaded = true;
  await page.waitForSelector("body[data-ready]");
  const ready = await page.evaluate(() => performance.now());
  if (scenario.name === "candidate") await axe(page, `start ${width}px`, report);
  const clicked = await page.evaluate(() => performance.now());
  if (scenario.keyboard) {
    await page.focus("#begin");
    await page.keyboard.press("Enter");
  } else {
    await page.click("#begin");
  }
  await page.waitForSelector("#ask:not([hidden])");
  const shown = await page.evaluate(() => performance.now());
  const timing = { ready_ms: ready, click_to_question_ms: shown - clicked };

  const asked = [];
  let backTested = false;
  while (await page.isVisible("#ask")) {
    const id = await page.getAttribute("#ask", "data-question");
    if (asked.length > 30) throw new Error(`too many questions: ${asked}`);
    if (asked.length === 1 && scenario.name === "candidate" && !backTested) {
      // Back keeps the answer: the first question shows "No" picked.
      backTested = true;
      await page.click("#back");
      const back = await page.getAttribute("#ask", "data-question");
      const picked = await page.$$eval("#options input", (is) => is.filter((i) => i.checked).length);
      report.back = { from: id, to: back, kept: picked === 1 };
      await page.click("#next");
      continue;
    }
    if (asked.length === 0 && scenario.name === "candidate") {
      await axe(page, `question ${width}px`, report);
      await page.screenshot({ path: path.join(shots, `page-question-${width}.png`) });
    }
    if (asked.length === 1 && scenario.switcher && !report.switched) {
      // To English and back, on the second question: the same question, its words in
      // the language picked, the answer to the first one kept.
      const read = async () => ({
        lang: await page.getAttribute("html", "lang"),
        question: await page.getAttribute("#ask", "data-question"),
        prompt: await page.textContent("#prompt"),
        progress: await page.textContent("#progress-text"),
        options: await page.$$eval("#options label", (ls) => ls.map((l) => l.textContent)),
        back: await page.textContent("#back"),
      });
      const before = await read();
      await axe(page, `spanish question ${width}px`, report);
      await page.selectOption("#language", "en");
      const english = await read();
      await page.click("#back");
      const kept = await page.$$eval("#options input", (is) => is.filter((i) => i.checked).length);
      await page.click("#next");
      await page.selectOption("#language", "es");
      report.switched = { before, english, kept: kept === 1, after: await read() };
      report.languages = await page.$$eval("#language option", (os) => os.map((o) => [o.value, o.lang, o.textContent]));
      report.language_label = await page.textContent('label[for="language"]');
    }
    asked.push(id);
    const want = scenario.answers[id] ?? scenario.otherwise;
    const typed = await page.$("#typed");
    if (typed) {
      if (id === "procedure_time" && !report.past_refused) {
        // A time before today is refused where it is typed, as at the desk.
        await typed.fill(`${day(daysFromNow(-1))}T10:30`);
        await page.click("#next");
        await page.waitForSelector("#problem:not([hidden])");
        report.past_refused = await page.textContent("#problem");
      }
      await typed.fill(want);
      await page.click("#next");
    } else if (scenario.keyboard) {
      await pickByKeyboard(page, want);
    } else {
      await page.click(`#options label:text-is("${want}")`);
      await page.click("#next");
    }
    await page.waitForFunction((prev) => {
      const ask = document.getElementById("ask");
      return ask.hidden || ask.dataset.question !== prev || !document.getElementById("problem").hidden;
    }, id);
    if (await page.isVisible("#problem")) throw new Error(`${id}: ${await page.textContent("#problem")}`);
  }
  await page.waitForSelector("#result:not([hidden])");
  const result = {
    name: scenario.name,
    lang: await page.getAttribute("html", "lang"),
    asked,
    verdict: await page.getAttribute("body", "data-verdict"),
    headline: await page.textContent("#headline"),
    reasons: await page.$$eval("#reasons li", (ls) => ls.map((l) => l.textContent)),
    next_steps: await page.$$eval("#next-steps li", (ls) => ls.map((l) => l.textContent)),
    answers: await answersDoc(page, asked, scenario),
    timing,
    width,
  };
  if (scenario.ics) {
    const sheet = page.frameLocator("#sheet");
    result.sheet_heading = await sheet.locator("h1").first().textContent();
    result.sheet_items = await sheet.locator("li").count();
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#calendar")]);
    result.ics = fs.readFileSync(await download.path(), "utf8");
    result.ics_name = download.suggestedFilename();
  }
  await axe(page, `${scenario.name} result ${width}px`, report);
  if (width === 390 || width === 1280) {
    await page.screenshot({ path: path.join(shots, `page-${scenario.name}-${width}.png`), fullPage: true });
  }
  // Readable at 320 px: nothing wider than the screen.
  await page.setViewportSize({ width: 320, height: 800 });
  result.overflow_320 = await page.evaluate(() => document.documentElement.scrollWidth > 320);
  report.requests.push(...requests);
  report.violations.push(...violations);
  await context.close();
  return result;
}

(async () => {
  const report = { scenarios: [], requests: [], violations: [], axe: [], axe_runs: 0 };
  const browser = await launch();
  try {
    for (const scenario of scenarios) report.scenarios.push(await run(browser, scenario, report, 390));
    report.scenarios.push(await run(browser, scenarios[0], report, 1280));
    // Time to the first question, a few cold loads in fresh contexts.
    report.first_question_ms = [];
    for (let i = 0; i < 5; i += 1) {
      const context = await browser.newContext({ locale: "en-US" });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: "load" });
      await page.waitForSelector("body[data-ready]");
      await page.click("#begin");
      await page.waitForSelector("#ask:not([hidden])");
      // In-page marks: navigation start to "ready" (engine compiled, rules loaded), plus
      // the click on Start to the question on screen. The person's own pause between
      // the two is not the page's.
      const marks = await page.evaluate(() =>
        Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, m.startTime])));
      report.first_question_ms.push(Math.round(marks.ready + (marks["first-question"] - marks.start)));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report));
})().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
