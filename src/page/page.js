// The self-check's glue: shows the question the engine returns, passes the answer
// back, shows the result. Every decision (which question, what a changed answer
// clears, the verdict, the texts) is the engine's: prescreen-core in WebAssembly.
// Nothing leaves this page and nothing is stored: the answers live in `state` only.
// Every word shown is the engine's too, in the language loaded: the rule file's texts
// and the page's own words (`load` gives them; `say` fills in their `{ $name }`s).
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  let engine = null;
  let rules = null;
  let words = {};
  // What the person has said so far (an answers document) and the question on screen.
  const state = { answers: {}, at: null, question: null };

  class EngineError extends Error {
    constructor(error) {
      super(error.message);
      this.code = error.code;
    }
  }

  async function start() {
    const text = atob($("engine").textContent.trim());
    const packed = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i += 1) packed[i] = text.charCodeAt(i);
    const inflated = new Blob([packed]).stream().pipeThrough(new DecompressionStream("deflate"));
    const bytes = await new Response(inflated).arrayBuffer();
    const { instance } = await WebAssembly.instantiate(bytes, {});
    engine = instance.exports;
    rules = JSON.parse($("rules").textContent);
    // The browser's languages, unless `prescreen page --lang` fixed the language; the
    // engine picks the first the rule file has (`es-MX` finds `es`), else `lang`.
    const data = $("rules").dataset;
    const prefer = data.fixed === "true" ? [] : Array.from(navigator.languages || [navigator.language || ""]);
    const info = call({ op: "load", rules, lang: data.lang, prefer: prefer.filter(Boolean) });
    speak(info);
    offer(info);
    $("loading").hidden = true;
    $("begin").disabled = false;
    performance.mark("ready");
    return info;
  }

  // The page's own word `key` in the language loaded, its `{ $name }`s filled from `args`.
  const say = (key, args = {}) =>
    (words[key] || key).replace(/\{ \$(\w+) \}/g, (whole, name) => (name in args ? String(args[name]) : whole));

  // Puts the words of the language just loaded everywhere the page shows its own.
  function speak(info) {
    words = info.words;
    document.documentElement.lang = info.lang;
    for (const el of document.querySelectorAll("[data-w]")) el.textContent = say(el.dataset.w);
    document.title = say("page-title", { procedure: info.procedure });
    $("heading").textContent = say("page-heading", { procedure: info.procedure });
    $("intro").textContent = info.intro || "";
    $("intro").hidden = !info.intro;
    $("footer").textContent = say("page-footer", { name: info.name, version: info.version });
    $("sheet").title = say("page-sheet-frame");
    $("language").value = info.lang;
  }

  // The switcher: each of the file's languages by its own name; none for a file with one.
  function offer(info) {
    const select = $("language");
    select.replaceChildren(...info.languages.map((l) => {
      const o = document.createElement("option");
      o.value = l.tag;
      o.lang = l.tag;
      o.textContent = l.name;
      return o;
    }));
    select.value = info.lang;
    $("language-box").hidden = info.languages.length < 2;
  }

  // Another language: the engine reloads the file in it and the screen on show is
  // shown again in it, the answers kept; the focus stays on the switcher.
  function relanguage() {
    speak(call({ op: "load", rules, lang: $("language").value }));
    if (!$("ask").hidden && state.at) {
      const next = call({ op: "step", today: day(new Date()), answers: state.answers, at: state.at, action: "stay" });
      state.question = next.question;
      if (next.question) ask(next.question, false);
    } else if (!$("result").hidden) {
      finish(false);
    }
  }

  function call(request) {
    const response = engineCall(engine, request);
    if (response.error) throw new EngineError(response.error);
    return response.ok;
  }

  const pad = (n) => String(n).padStart(2, "0");
  const day = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  // The device's own offset from UTC at that moment, as +HH:MM.
  const offset = (d) => {
    const minutes = -d.getTimezoneOffset();
    const sign = minutes < 0 ? "-" : "+";
    return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
  };
  const stamp = (d) =>
    `${day(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${offset(d)}`;

  function show(section) {
    for (const id of ["start", "ask", "result"]) $(id).hidden = id !== section;
  }

  function step(action) {
    const next = call({ op: "step", today: day(new Date()), answers: state.answers, at: state.at, action });
    state.answers = next.answers;
    state.at = next.at;
    state.question = next.question;
    if (next.question) ask(next.question);
    else finish();
    if (action === "start") performance.mark("first-question");
  }

  function option(type, name, label, checked) {
    const wrap = document.createElement("label");
    wrap.className = "option";
    const input = document.createElement("input");
    input.type = type;
    input.name = name;
    input.checked = checked;
    wrap.append(input, document.createTextNode(label));
    return { wrap, input };
  }

  const typed = { date: "date", datetime: "datetime-local", number: "number" };
  const typedLabel = { date: "page-label-date", datetime: "page-label-datetime", number: "page-label-number" };
  const typedProblem = { date: "page-enter-date", datetime: "page-enter-datetime", number: "page-enter-number" };

  function ask(q, focus = true) {
    show("ask");
    $("ask").dataset.question = q.id;
    $("problem").hidden = true;
    $("prompt").textContent = q.prompt;
    $("help").textContent = q.help || "";
    $("help").hidden = !q.help;
    const p = q.progress;
    if (p) {
      const part = say(p.part === "screening" ? "page-part-screening" : "page-part-aftercare");
      $("progress-text").textContent = say("page-progress", { part, number: p.number, total: p.total });
      $("progress").max = p.total;
      $("progress").value = p.number;
    }
    const box = $("options");
    box.replaceChildren();
    if (typed[q.kind]) {
      const field = document.createElement("label");
      field.className = "field";
      const input = document.createElement("input");
      input.type = typed[q.kind];
      input.id = "typed";
      if (q.kind === "number") {
        input.inputMode = "decimal";
        input.step = "any";
        if (q.min !== null) input.min = q.min;
        if (q.max !== null) input.max = q.max;
      }
      if (q.state === "given") input.value = q.kind === "datetime" ? String(q.reply).slice(0, 16) : q.reply;
      field.append(document.createTextNode(say(typedLabel[q.kind])), input);
      const unsure = option("checkbox", "not-sure", q.options[0].label, q.state === "not_sure");
      unsure.input.id = "not-sure";
      input.addEventListener("input", () => { if (input.value) unsure.input.checked = false; });
      box.append(field, unsure.wrap);
    } else {
      q.options.forEach((o, i) => {
        const picked = q.state !== "missing" && JSON.stringify(q.reply) === JSON.stringify(o.value) &&
          (o.value !== null || q.state === "not_sure");
        const { wrap, input } = option("radio", "answer", o.label, picked);
        input.value = String(i);
        box.append(wrap);
      });
    }
    if (focus) $("prompt").focus();
  }

  // The answer on screen as an answers-document value, or undefined with a message.
  function answer(q) {
    if (!typed[q.kind]) {
      const picked = document.querySelector('input[name="answer"]:checked');
      return picked ? { value: q.options[Number(picked.value)].value } : { problem: say("page-choose") };
    }
    if ($("not-sure").checked) return { value: null };
    const text = $("typed").value;
    if (!text) return { problem: say(typedProblem[q.kind]) };
    if (q.kind === "number") return { value: Number(text) };
    if (q.kind === "datetime") return { value: stamp(new Date(text)) };
    return { value: text };
  }

  function complain(text) {
    $("problem").textContent = text;
    $("problem").hidden = false;
    $("problem").focus();
  }

  function submit(event) {
    event.preventDefault();
    const q = state.question;
    const given = answer(q);
    if (given.problem) return complain(given.problem);
    const before = state.answers;
    state.answers = { ...before, [q.id]: given.value };
    try {
      step({ answer: q.id });
    } catch (e) {
      state.answers = before;
      complain(e.message);
    }
  }

  function back() {
    const from = state.at;
    step("back");
    if (state.at === from) {
      show("start");
      $("start-title").focus();
    }
  }

  function list(id, items, render) {
    const ul = $(id);
    ul.replaceChildren(...items.map((item) => {
      const li = document.createElement("li");
      render(li, item);
      return li;
    }));
    ul.parentElement.hidden = items.length === 0;
  }

  function finish(focus = true) {
    const r = call({ op: "result", today: day(new Date()), now: stamp(new Date()), answers: state.answers });
    show("result");
    document.body.dataset.verdict = r.verdict;
    $("headline").textContent = `${r.symbol} ${r.headline}`;
    $("note").textContent = r.note;
    list("reasons", r.reasons, (li, reason) => {
      const strong = document.createElement("strong");
      strong.textContent = reason.outcome;
      let text = `: ${reason.message}`;
      for (const a of reason.answers) text += ` ${say("page-your-answer", { prompt: a.prompt, reply: a.reply })}`;
      if (reason.book_from) text += ` ${say("page-book-from", { date: reason.book_from })}`;
      li.append(strong, document.createTextNode(text));
    });
    list("next-steps", r.next_steps, (li, s) => { li.textContent = s; });
    const candidate = r.verdict === "candidate";
    $("aftercare").hidden = !candidate;
    $("print-result").hidden = candidate;
    if (candidate) {
      $("sheet").srcdoc = r.sheet_html;
      $("calendar").hidden = !r.ics;
      $("no-calendar").hidden = !!r.ics;
      $("no-calendar").textContent = r.ics ? "" : say("page-no-calendar", { reason: r.no_ics });
      state.ics = r.ics;
    }
    if (focus) $("headline").focus();
  }

  function download() {
    const url = URL.createObjectURL(new Blob([state.ics], { type: "text/calendar" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "aftercare-reminders.ics";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function again() {
    state.answers = {};
    state.at = null;
    state.question = null;
    state.ics = null;
    $("sheet").removeAttribute("srcdoc");
    delete document.body.dataset.verdict;
    show("start");
    $("start-title").focus();
  }

  $("begin").addEventListener("click", () => {
    performance.mark("start");
    step("start");
  });
  $("ask").addEventListener("submit", submit);
  $("back").addEventListener("click", back);
  $("print-sheet").addEventListener("click", () => $("sheet").contentWindow.print());
  $("print-result").addEventListener("click", () => window.print());
  $("calendar").addEventListener("click", download);
  $("again").addEventListener("click", again);
  $("language").addEventListener("change", relanguage);
  $("sheet").addEventListener("load", () => {
    const doc = $("sheet").contentDocument;
    if (doc && doc.documentElement) $("sheet").style.height = `${doc.documentElement.scrollHeight + 16}px`;
  });
  start().then(
    () => { document.body.dataset.ready = "true"; },
    (e) => {
      $("loading").textContent = $("loading").dataset.failed.replace("{ $error }", e.message);
      $("loading").className = "problem";
    },
  );
})();
