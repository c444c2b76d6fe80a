// fa insight: renders the view computed by fa (package
// internal/insight/model). Every number shown comes from that view; this
// script formats and draws. Text from the snapshots (tag names, messages)
// is only ever set with textContent.
"use strict";

(function () {
  const state = {
    view: null,          // the model.View
    standalone: false,   // the page is an exported file: no server
    tab: "summary",
    local: "all",        // Local shown in the frame memory view
    cmpFrom: 0, cmpTo: -1, cmpFollow: true,
    cmpPreset: "compare",
    charts: [],
    fetching: false, pending: false,
  };

  // ---- helpers -----------------------------------------------------------

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const kid of kids.flat()) {
      if (kid === null || kid === undefined) continue;
      e.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
    return e;
  }

  const isNum = (v) => typeof v === "number" && isFinite(v);

  function fmtBytes(n) {
    if (!isNum(n)) return "–";
    const a = Math.abs(n);
    const units = [["GiB", 1 << 30], ["MiB", 1 << 20], ["KiB", 1 << 10]];
    for (const [u, s] of units) {
      if (a >= s) return (n / s).toFixed(a / s >= 100 ? 0 : 1) + " " + u;
    }
    return Math.round(n) + " B";
  }

  function fmtNum(n, digits) {
    if (!isNum(n)) return "–";
    if (digits === undefined) digits = Number.isInteger(n) ? 0 : 1;
    return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
  }

  function fmtDelta(n, bytes) {
    if (!isNum(n)) return "–";
    const s = bytes ? fmtBytes(Math.abs(n)) : fmtNum(Math.abs(n));
    return n > 0 ? "+" + s : n < 0 ? "−" + s : "0";
  }

  function fmtTime(t) {
    const d = new Date(t);
    return isNaN(d) ? String(t) : d.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
  }

  // A table cell holding a value: data-v keeps the exact number.
  function num(v, fmt, extra) {
    return el("td", Object.assign({ "data-v": isNum(v) ? v : "" }, extra || {}), (fmt || fmtNum)(v));
  }

  function table(headers, rows, attrs) {
    return el("table", attrs || {},
      el("thead", {}, el("tr", {}, headers.map((h) => el("th", typeof h === "string" ? { text: h } : h)))),
      el("tbody", {}, rows));
  }

  function card(title, ...kids) {
    return el("div", { class: "card" }, title ? el("h2", { text: title }) : null, ...kids);
  }

  // ---- charts ------------------------------------------------------------

  const palette = (i, n) => `hsl(${Math.round((i * 360) / Math.max(n, 1) + 210) % 360}, 65%, 45%)`;

  function lineChart(container, title, xs, series, opts) {
    opts = opts || {};
    const box = el("div", { class: "chart", "data-chart": title });
    container.append(box);
    if (typeof uPlot === "undefined" || xs.length === 0) {
      box.append(el("p", { class: "note", text: "no data to chart" }));
      return;
    }
    const width = Math.max(320, (container.clientWidth || 900) - 40);
    const axes = [{}, { size: 80, values: (u, vals) => vals.map(opts.bytes ? fmtBytes : (v) => fmtNum(v, opts.digits)) }];
    const cfg = {
      title, width, height: opts.height || 220,
      scales: { x: { time: true } },
      axes,
      series: [{}].concat(series.map((s) => ({
        label: s.label, stroke: s.color, width: s.width || 1.5, dash: s.dash,
        spanGaps: false, points: { show: xs.length < 60 },
        value: (u, v) => (opts.bytes ? fmtBytes(v) : fmtNum(v, opts.digits)),
      }))),
    };
    const data = [xs].concat(series.map((s) => s.values));
    state.charts.push(new uPlot(cfg, data, box));
  }

  const constant = (xs, v) => xs.map(() => v);

  // ---- views -------------------------------------------------------------

  function renderSummary(v) {
    const s = v.summary, strip = document.getElementById("summary");
    const stat = (k, value, label, fmt, alert) =>
      el("div", { class: "stat" + (alert ? " alert" : ""), "data-k": k, "data-v": isNum(value) ? value : "" },
        el("b", { text: (fmt || fmtNum)(value) }), el("span", { text: label }));
    const warnings = s.runtime_warnings + s.static_errors + s.static_warnings + s.static_hints;
    strip.replaceChildren(
      stat("frame_bytes", s.frame_bytes, "frame bytes now", fmtBytes),
      stat("pool_bytes", s.pool_bytes, "pool bytes held", fmtBytes),
      stat("heap_bytes", s.heap_bytes, "heap bytes", fmtBytes),
      stat("peak_frame_bytes", s.peak_frame_bytes, "peak frame (all time)", fmtBytes),
      stat("worst_frame_bytes", s.worst_frame_bytes, "worst frame in history", fmtBytes),
      stat("locals", s.locals, "Locals"),
      stat("fps", s.fps, "frames/s (all Locals)", (x) => fmtNum(x, 1)),
      stat("fps_per_local", s.fps_per_local, "frames/s per Local", (x) => fmtNum(x, 1)),
      stat("frames_completed", s.frames_completed, "frames completed"),
      stat("deferred_dropped", s.deferred_dropped, "deferred frees dropped", fmtNum, s.deferred_dropped > 0),
      stat("runtime_warnings", s.runtime_warnings, "runtime findings (BF)", fmtNum, s.runtime_warnings > 0),
      stat("static_findings", s.static_errors + s.static_warnings + s.static_hints,
        `static: ${s.static_errors} errors, ${s.static_warnings} warnings, ${s.static_hints} hints`, fmtNum, s.static_errors > 0),
      stat("warnings", warnings, "warnings in all", fmtNum, warnings > 0),
      stat("snapshots", s.snapshots, "snapshots (schema v" + s.version + ")"),
    );

    const sec = document.getElementById("view-summary");
    sec.replaceChildren();
    const c = card("Over time");
    sec.append(card("Snapshots",
      el("p", { class: "note" },
        `${s.snapshots} snapshots from ${fmtTime(s.first)} to ${fmtTime(s.last)}, latest frame ${s.frame}. `,
        s.version < 2 ? "Schema version 1: no per-interval frame maxima (the worst frame of an interval is not recorded)." : "")), c);
    const se = v.series;
    lineChart(c, "Frames per second (all Locals)", se.time, [{ label: "frames/s", values: se.fps, color: palette(0, 3) }], { digits: 1 });
    lineChart(c, "Allocator memory", se.time, [
      { label: "frame bytes (largest frame of the span)", values: se.max_frame_bytes, color: palette(0, 3) },
      { label: "pool bytes", values: se.pool_bytes, color: palette(1, 3) },
      { label: "heap bytes", values: se.heap_bytes, color: palette(2, 3) },
    ], { bytes: true });
  }

  function renderMemory(v) {
    const sec = document.getElementById("view-memory"), se = v.series;
    sec.replaceChildren();
    const locals = se.locals;
    const select = el("select", { id: "local-select", onchange: (e) => { state.local = e.target.value; renderMemory(state.view); } },
      el("option", { value: "all", text: "all Locals" }),
      locals.map((l) => el("option", { value: String(l.id), text: "Local " + l.id })));
    if (state.local !== "all" && !locals.some((l) => String(l.id) === state.local)) state.local = "all";
    select.value = state.local;
    const c = card("Frame memory per Local", el("div", { class: "controls" }, el("label", { for: "local-select", text: "Local" }), select),
      el("p", { class: "note", text: v.summary.version < 2
        ? "Schema version 1 records no per-interval maximum: the chart shows frame bytes in use when each snapshot was taken."
        : "Each point is the largest frame of its span (one snapshot interval, or a group of them for long histories); dashed: the frame budget." }));
    sec.append(c);
    const useMax = v.summary.version >= 2;
    if (state.local === "all") {
      const series = [];
      locals.forEach((l, i) => series.push({ label: "Local " + l.id, values: useMax ? l.max : l.now, color: palette(i, locals.length) }));
      lineChart(c, "Largest frame per Local", se.time, series, { bytes: true, height: 300 });
      lineChart(c, "Frame allocations per frame", se.time,
        locals.map((l, i) => ({ label: "Local " + l.id, values: l.allocs_per_frame, color: palette(i, locals.length) })), { digits: 1 });
    } else {
      const l = locals.find((x) => String(x.id) === state.local);
      const series = [
        { label: "largest frame", values: useMax ? l.max : l.now, color: palette(0, 4) },
        { label: "mean frame", values: l.mean, color: palette(1, 4) },
      ];
      if (l.budget > 0) series.push({ label: "frame budget", values: constant(se.time, l.budget), color: "#b91c1c", dash: [6, 4] });
      lineChart(c, "Local " + l.id + " frame memory", se.time, series, { bytes: true, height: 300 });
      lineChart(c, "Local " + l.id + " frame allocations per frame", se.time,
        [{ label: "allocations per frame", values: l.allocs_per_frame, color: palette(2, 4) }], { digits: 1 });
    }
  }

  function budgetBar(r) {
    const limit = Math.max(r.hard_budget, r.soft_budget);
    if (!limit) return el("span", { class: "note", text: "no budget" });
    const worst = isNum(r.worst) ? r.worst : 0;
    const scale = Math.max(limit, worst) * 1.1;
    const pct = (x) => (100 * x) / scale + "%";
    const over = (r.soft_budget && worst > r.soft_budget) || (r.hard_budget && worst > r.hard_budget);
    return el("span", { class: "bar", title: `worst frame ${fmtBytes(worst)}; soft ${fmtBytes(r.soft_budget)}; hard ${fmtBytes(r.hard_budget)}` },
      el("span", { class: "fill" + (over ? " over" : ""), style: "width:" + pct(worst) }),
      r.soft_budget ? el("span", { class: "mark soft", style: "left:" + pct(r.soft_budget) }) : null,
      r.hard_budget ? el("span", { class: "mark hard", style: "left:" + pct(r.hard_budget) }) : null);
  }

  function renderTags(v) {
    const sec = document.getElementById("view-tags"), t = v.tags;
    sec.replaceChildren();
    const rows = t.rows.map((r) => el("tr", {
      "data-path": r.path, "data-self": r.self.total, "data-incl": r.inclusive.total,
      class: [r.exceeded ? "exceeded" : "", r.synthetic ? "synthetic" : ""].join(" ").trim() || null,
    },
    el("td", { style: `padding-left:${0.6 + r.depth * 1.4}em`, title: r.path, text: r.name || "(empty)" }),
    num(r.self.total, fmtBytes, { title: `frame ${fmtBytes(r.self.frame)}, pool ${fmtBytes(r.self.pool)}, heap ${fmtBytes(r.self.heap)}` }),
    num(r.inclusive.total, fmtBytes, { title: `frame ${fmtBytes(r.inclusive.frame)}, pool ${fmtBytes(r.inclusive.pool)}, heap ${fmtBytes(r.inclusive.heap)}` }),
    num(r.inclusive.frame, fmtBytes), num(r.inclusive.pool, fmtBytes), num(r.inclusive.heap, fmtBytes),
    num(r.allocations),
    num(r.worst, fmtBytes), num(r.last.mean_bytes, fmtBytes),
    num(r.soft_budget || NaN, fmtBytes), num(r.hard_budget || NaN, fmtBytes),
    el("td", {}, budgetBar(r)),
    num(r.soft_exceeded, fmtNum, { "data-k": "soft_exceeded" }), num(r.hard_exceeded, fmtNum, { "data-k": "hard_exceeded" })));
    rows.push(el("tr", { class: "total", "data-incl": t.total.total },
      el("td", { text: "all tags" }), el("td"), num(t.total.total, fmtBytes), num(t.total.frame, fmtBytes),
      num(t.total.pool, fmtBytes), num(t.total.heap, fmtBytes), num(t.total_allocations), el("td", { colspan: 7 })));
    sec.append(card("Tag tree",
      el("p", { class: "note", text: "Inclusive bytes count a tag's sub-tags; self bytes are the rest, so the total adds up the top-level tags only and no byte is counted twice. Budgets bound what one Local allocates under a tag in one frame: the bar compares the worst frame of the history with them (soft: orange mark, hard: red)." +
        (t.has_intervals ? "" : " Schema version 1 records no per-frame usage: worst frames are unknown.") }),
      table(["tag", "self", "inclusive", "frame", "pool", "heap", "allocations", "worst frame", "mean frame (last)", "soft", "hard", "budget", "soft exceeded", "hard exceeded"], rows, { id: "tag-table" })));
  }

  function renderLocals(v) {
    const sec = document.getElementById("view-locals");
    sec.replaceChildren();
    const rows = v.locals.map((r) => el("tr", { "data-id": r.id, class: r.near_budget ? "near" : null },
      el("td", { text: "Local " + r.id }), num(r.frame_number), el("td", { text: r.in_frame ? "yes" : "no" }),
      num(r.frame_bytes, fmtBytes), num(r.peak_frame_bytes, fmtBytes),
      r.no_budget ? el("td", { class: "text", text: "none" }) : num(r.frame_budget, fmtBytes),
      num(r.peak_percent, (x) => (isNum(x) ? fmtNum(x, 1) + " %" : "–")),
      num(r.has_interval ? r.interval.frames : NaN), num(r.has_interval ? r.interval.max_frame_bytes : NaN, fmtBytes),
      num(r.pool_bytes, fmtBytes), num(r.heap_bytes, fmtBytes), num(r.deferred_pending)));
    sec.append(card("Locals (latest snapshot)",
      el("p", { class: "note", text: "One Local per goroutine. Peak is the largest frame since the Local was created; highlighted at 90% of the budget or more." }),
      table(["Local", "frame", "in frame", "frame bytes", "peak", "budget", "peak / budget", "frames (last interval)", "largest (last interval)", "pool held", "heap", "pending deferred frees"], rows, { id: "locals-table" })));
    const prow = v.phases.map((p) => el("tr", { "data-name": p.name },
      el("td", { text: p.name }), num(p.frame_bytes, fmtBytes), num(p.allocations), num(p.count), num(p.bytes_per_entry, fmtBytes)));
    sec.append(card("Phases", prow.length ? table(["phase", "frame bytes", "allocations", "entries", "bytes per entry"], prow, { id: "phases-table" })
      : el("p", { class: "note", text: "No phases (Local.BeginPhase) recorded." })));
  }

  function renderFlow(v) {
    const sec = document.getElementById("view-flow"), se = v.series, f = se.flow;
    sec.replaceChildren();
    const c = card("Promotions and pool/heap flow per interval",
      el("p", { class: "note", text: "Promotions per 100 frame allocations: BF003 reports a tag above 5 (dashed line)." }));
    sec.append(c);
    lineChart(c, "Promotions per 100 frame allocations", se.time, [
      { label: "promotions %", values: f.promotion_percent, color: palette(0, 3) },
      { label: "BF003 threshold (5%)", values: constant(se.time, 5), color: "#b91c1c", dash: [6, 4] },
    ], { digits: 2 });
    lineChart(c, "Promotions", se.time, [
      { label: "to pool", values: f.to_pool, color: palette(0, 2) },
      { label: "to heap", values: f.to_heap, color: palette(1, 2) },
    ]);
    lineChart(c, "Pool traffic", se.time, [
      { label: "pool allocations", values: f.pool_allocations, color: palette(0, 3) },
      { label: "pool frees", values: f.pool_frees, color: palette(1, 3) },
      { label: "heap allocations", values: f.heap_allocations, color: palette(2, 3) },
    ]);
    lineChart(c, "Pool and heap bytes", se.time, [
      { label: "pool bytes held", values: se.pool_bytes, color: palette(0, 2) },
      { label: "heap bytes", values: se.heap_bytes, color: palette(1, 2) },
    ], { bytes: true });
  }

  function renderWarnings(v) {
    const sec = document.getElementById("view-warnings"), w = v.warnings;
    sec.replaceChildren();
    const rt = w.runtime.map((r) => el("tr", { "data-code": r.code, "data-tag": r.tag },
      el("td", {}, el("span", { class: "badge warning", text: r.code })), el("td", { class: "text", text: r.tag || "(untagged)" }),
      num(r.count), el("td", { class: "text", text: r.message }),
      el("td", { class: "text", text: r.packages.join(", ") || "–" }),
      el("td", { class: "text", text: r.confirms.join(", ") || "–" })));
    sec.append(card("Runtime findings (behavior filter, latest snapshot)",
      rt.length ? table(["code", { text: "tag", class: "text" }, "count", { text: "finding", class: "text" }, { text: "packages (.fa.toml)", class: "text" }, { text: "confirms static", class: "text" }], rt, { id: "runtime-table" })
        : el("p", { class: "note", text: "No runtime findings (or the behavior filter is off: Allocator.EnableBehaviorFilter)." })));
    const st = card("Static diagnostics (fa)");
    if (!w.static_source) {
      st.append(el("p", { class: "note", text: "No static analysis given: run fa insight with --analyze ./... or --diagnostics FILE (fa --format json output)." }));
    } else {
      st.append(el("p", { class: "note", text: `${w.static.length} diagnostics from ${w.static_source}; ${w.confirmed} confirmed at run time.` }));
      for (const f of w.static) {
        st.append(el("div", { class: "finding", "data-code": f.code, "data-confirmed": f.confirmed ? "yes" : "no" },
          el("div", {}, el("span", { class: "badge " + f.severity, text: f.severity }), " ",
            el("b", { text: f.code }), " ", el("span", { text: f.message }), " ",
            el("span", { class: "note", text: `${f.file}:${f.line}:${f.column} · ${f.package}` + (f.tag ? " · tag " + f.tag : "") })),
          f.confirmed ? el("div", {}, el("span", { class: "badge confirmed", text: "confirmed at run time" }), " ", el("span", { class: "evidence", text: f.evidence })) : null,
          f.snippet ? el("pre", { class: "snippet", text: f.snippet }) : null));
      }
    }
    sec.append(st);
  }

  function compareTables(c) {
    const box = el("div", { id: "compare-result" });
    box.append(el("p", { class: "note" },
      `From #${c.from.index} (${fmtTime(c.from.time)}, frame ${c.from.frame}) to #${c.to.index} (${fmtTime(c.to.time)}, frame ${c.to.frame}): ${fmtNum(c.seconds, 1)} s.`,
      c.same_run ? "" : " The two snapshots come from different runs of the program."));
    const cls = (d) => (d > 0 ? "grow" : d < 0 ? "shrink" : null);
    box.append(card("Allocator", table(["quantity", "from", "to", "change"], c.summary.map((d) => el("tr", { "data-name": d.name },
      el("td", { text: d.name.replace(/_/g, " ") }), num(d.from), num(d.to), num(d.delta, (x) => fmtDelta(x), { class: cls(d.delta) }))))));
    box.append(card("What grew, by tag (inclusive bytes: a parent includes its children)", table(
      ["tag", "from", "to", "change", "frame", "pool", "heap", "allocations", "worst frame (from → to)"],
      c.tags.map((d) => el("tr", { "data-path": d.path },
        el("td", { style: `padding-left:${0.6 + d.depth * 1.4}em`, text: d.path }),
        num(d.from.total, fmtBytes), num(d.to.total, fmtBytes),
        num(d.delta.total, (x) => fmtDelta(x, true), { class: cls(d.delta.total) }),
        num(d.delta.frame, (x) => fmtDelta(x, true)), num(d.delta.pool, (x) => fmtDelta(x, true)), num(d.delta.heap, (x) => fmtDelta(x, true)),
        num(d.allocations, (x) => fmtDelta(x)),
        el("td", { text: fmtBytes(d.worst_from) + " → " + fmtBytes(d.worst_to) }))), { id: "compare-tags" })));
    box.append(card("What grew, by Local", table(
      ["Local", { text: "status", class: "text" }, "frames", "frame allocations", "peak frame", "pool held", "heap", "pending deferred"],
      c.locals.map((d) => el("tr", { "data-id": d.id },
        el("td", { text: "Local " + d.id }), el("td", { class: "text", text: d.status || "" }),
        num(d.frames, (x) => fmtDelta(x)), num(d.frame_allocations, (x) => fmtDelta(x)),
        num(d.peak_frame_bytes, (x) => fmtDelta(x, true), { class: cls(d.peak_frame_bytes) }),
        num(d.pool_bytes, (x) => fmtDelta(x, true), { class: cls(d.pool_bytes) }),
        num(d.heap_bytes, (x) => fmtDelta(x, true), { class: cls(d.heap_bytes) }),
        num(d.deferred_pending, (x) => fmtDelta(x)))), { id: "compare-locals" })));
    return box;
  }

  function renderCompare(v) {
    const sec = document.getElementById("view-compare"), n = v.snapshots.length;
    sec.replaceChildren();
    if (n < 2) {
      sec.append(card("Compare", el("p", { class: "note", text: "Two snapshots are needed." })));
      return;
    }
    if (state.standalone) {
      const pick = el("select", { id: "compare-preset", onchange: (e) => { state.cmpPreset = e.target.value; renderCompare(v); } },
        el("option", { value: "compare", text: "first → last snapshot" }),
        el("option", { value: "previous", text: "previous → last snapshot" }));
      pick.value = state.cmpPreset;
      sec.append(card("Compare two snapshots", el("div", { class: "controls" }, pick,
        el("span", { class: "note", text: "(an exported page compares these pairs; fa insight serving the snapshots compares any two)" }))));
      sec.append(compareTables(v[state.cmpPreset]));
      return;
    }
    if (state.cmpFollow || state.cmpTo >= n || state.cmpTo < 0) state.cmpTo = n - 1;
    state.cmpFrom = Math.min(state.cmpFrom, n - 1);
    const label = (i) => `#${i} ${fmtTime(v.snapshots[i].time)} frame ${v.snapshots[i].frame}`;
    const from = el("input", { id: "compare-from", type: "number", min: 0, max: n - 1, value: state.cmpFrom });
    const to = el("input", { id: "compare-to", type: "number", min: 0, max: n - 1, value: state.cmpTo });
    const result = el("div");
    const run = () => {
      state.cmpFrom = Math.max(0, Math.min(n - 1, Number(from.value) | 0));
      state.cmpTo = Math.max(0, Math.min(n - 1, Number(to.value) | 0));
      state.cmpFollow = state.cmpTo === n - 1;
      fromLabel.textContent = label(state.cmpFrom);
      toLabel.textContent = label(state.cmpTo);
      fetch(`api/compare?from=${state.cmpFrom}&to=${state.cmpTo}`).then((r) => r.json()).then((c) => {
        result.replaceChildren(compareTables(c));
      }).catch((e) => result.replaceChildren(el("p", { class: "note", text: "compare failed: " + e })));
    };
    const fromLabel = el("span", { class: "note" }), toLabel = el("span", { class: "note" });
    from.addEventListener("change", run);
    to.addEventListener("change", run);
    sec.append(card("Compare two snapshots", el("div", { class: "controls" },
      el("label", { for: "compare-from", text: "from" }), from, fromLabel,
      el("label", { for: "compare-to", text: "to" }), to, toLabel)), result);
    fromLabel.textContent = label(state.cmpFrom);
    toLabel.textContent = label(state.cmpTo);
    if (state.cmpFrom === 0 && state.cmpTo === n - 1 && v.compare) result.replaceChildren(compareTables(v.compare));
    else run();
  }

  function renderProblems(v) {
    const box = document.getElementById("problems"), list = document.getElementById("problem-list");
    list.replaceChildren(...v.problems.map((p) => el("li", { "data-source": p.source }, el("b", { text: p.source }), ": ", p.message)));
    box.hidden = v.problems.length === 0;
  }

  const renderers = { summary: renderSummary, memory: renderMemory, tags: renderTags, locals: renderLocals,
    flow: renderFlow, warnings: renderWarnings, compare: renderCompare };

  function render() {
    const v = state.view;
    for (const c of state.charts) c.destroy();
    state.charts = [];
    document.getElementById("source").textContent = v.source;
    document.getElementById("status").textContent = state.standalone
      ? "exported page"
      : (v.live ? "live · " : "") + `${v.summary.snapshots} snapshots · generation ${v.generation}`;
    document.body.dataset.generation = v.generation;
    renderProblems(v);
    renderSummary(v);
    // Only the visible view is drawn (charts need their width); the others
    // are drawn when shown.
    if (state.tab !== "summary") renderers[state.tab](v);
    document.body.dataset.ready = "1";
  }

  function show(tab) {
    state.tab = tab;
    for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("active", b.dataset.view === tab);
    for (const s of document.querySelectorAll(".view")) s.classList.toggle("active", s.id === "view-" + tab);
    if (location.hash !== "#" + tab) history.replaceState(null, "", "#" + tab);
    if (state.view) render();
  }

  function load() {
    if (state.fetching) { state.pending = true; return; }
    state.fetching = true;
    fetch("api/view").then((r) => {
      if (!r.ok) throw new Error(r.status + " " + r.statusText);
      return r.json();
    }).then((v) => {
      if (!state.view || v.generation >= state.view.generation) {
        state.view = v;
        render();
      }
    }).catch((e) => {
      document.getElementById("status").textContent = "cannot load the view: " + e.message;
    }).finally(() => {
      state.fetching = false;
      if (state.pending) { state.pending = false; load(); }
    });
  }

  function start() {
    for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => show(b.dataset.view));
    const tab = location.hash.slice(1);
    state.tab = renderers[tab] ? tab : "summary";
    const embedded = document.getElementById("fa-data");
    if (embedded) {
      state.standalone = true;
      state.view = JSON.parse(embedded.textContent);
      show(state.tab);
      return;
    }
    show(state.tab);
    load();
    if (typeof EventSource !== "undefined") {
      const es = new EventSource("api/events");
      es.addEventListener("generation", (e) => {
        if (!state.view || Number(e.data) !== state.view.generation) load();
      });
    }
    let timer;
    window.addEventListener("resize", () => { clearTimeout(timer); timer = setTimeout(() => state.view && render(), 200); });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
