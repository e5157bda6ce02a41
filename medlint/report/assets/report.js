(function () {
  "use strict";
  // The page script of `medlint report` (medlint/report/assets/report.js).
  // State in the address: ?q=filter&show=flag&sort=column&dir=asc|desc&group=author|reviewer
  // &size=N&info=1 (show info findings in an article); the open article is the #anchor.
  var data = JSON.parse(document.getElementById("medlint-rows").textContent);
  var C = {};
  data.columns.forEach(function (c, i) { C[c] = i; });
  var rows = data.rows, view = rows.slice(), groups = {};
  var names = data.rules || {}, byName = {}, codes = {};
  Object.keys(names).forEach(function (c) {
    codes[c] = 1;
    if (names[c]) byName[names[c].toLowerCase()] = c;
  });
  rows.forEach(function (r) {
    if (r[C.codes]) r[C.codes].split(" ").forEach(function (c) { codes[c] = 1; });
  });
  var allCodes = Object.keys(codes).sort();
  var posOf = {};
  rows.forEach(function (r, i) { posOf[r[C.anchor]] = i; });
  var st = {q: "", show: "", sort: "score", dir: 1, group: "", size: 50, info: false};
  var page = 0, filterCodes = null, filterLabel = "", showAll = false;
  var q = document.getElementById("q"), quick = document.getElementById("quick");
  var groupSel = document.getElementById("group"), sizeSel = document.getElementById("size");
  var tbody = document.getElementById("rows"), info = document.getElementById("shown");
  var viewer = document.getElementById("viewer");
  var CELLS = ["score", "title", "errors", "warnings", "info", "fk", "smog", "words",
    "review_date", "age", "author", "reviewer", "codes"];

  function esc(s) {
    return s == null ? "" : String(s).replace(/[&<>"]/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c];
    });
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function num(v, d) { return v == null ? "–" : (d ? Number(v).toFixed(1) : String(v)); }
  function band(s) { return s >= 80 ? 3 : s >= 50 ? 2 : 1; }

  // -- the filter: words, rule codes / prefixes / names (as the command line), owner:name --
  function ruleCodes(t) {
    var low = t.toLowerCase(), up = t.toUpperCase();
    if (byName[low]) return [byName[low]];
    if (codes[t]) return [t];  // as spelt (a Vale rule: Style.Rule)
    if (codes[up]) return [up];
    if (/^[A-Z]+[0-9]{0,3}$/.test(up)) {
      var got = allCodes.filter(function (c) { return c.indexOf(up) === 0; });
      if (got.length) return got;
    }
    return null;
  }
  function parse(text) {
    var terms = [], carried = null, label = [];
    (text.match(/(?:author|reviewer):"[^"]*"?|"[^"]*"?|\S+/gi) || []).forEach(function (tok) {
      var m = /^(author|reviewer):(.*)$/i.exec(tok);
      if (m) {
        terms.push({field: C[m[1].toLowerCase()], text: m[2].replace(/"/g, "").toLowerCase()});
        return;
      }
      tok = tok.replace(/"/g, "");
      if (!tok) return;
      var cs = ruleCodes(tok);
      if (cs) {
        terms.push({codes: cs});
        carried = (carried || []).concat(cs);
        label.push(tok);
      } else terms.push({text: tok.toLowerCase()});
    });
    return {terms: terms, codes: carried, label: label.join(", ")};
  }
  function matches(r, terms) {
    var hay = null;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      if (t.codes) {
        var have = " " + r[C.codes] + " ";
        if (!t.codes.some(function (c) { return have.indexOf(" " + c + " ") >= 0; })) return false;
      } else if (t.field != null) {
        if (String(r[t.field] || "").toLowerCase().indexOf(t.text) < 0) return false;
      } else {
        if (hay === null) {
          hay = (r[C.path] + " " + r[C.title] + " " + (r[C.author] || "") + " " +
                 (r[C.reviewer] || "") + " " + r[C.codes]).toLowerCase();
        }
        if (hay.indexOf(t.text) < 0) return false;
      }
    }
    return true;
  }
  function quickOk(r, flag) {
    if (!flag) return true;
    if (flag === "e") return r[C.errors] > 0;
    if (/^[WNB]$/.test(flag)) return r[C.change] === flag;
    return r[C.flags].indexOf(flag) >= 0;
  }
  function apply() {
    st.q = q.value.trim();
    st.show = quick.value;
    var f = parse(st.q);
    filterCodes = f.codes;
    filterLabel = f.label;
    view = rows.filter(function (r) { return quickOk(r, st.show) && matches(r, f.terms); });
    sort();
    if (!viewer.hidden) refine();
  }
  function ownerOf(r) { return st.group ? r[C[st.group]] || "" : ""; }
  function sort() {
    var k = C[st.sort], dir = st.dir;
    view.sort(function (a, b) {
      if (st.group) {
        var ga = ownerOf(a), gb = ownerOf(b);
        if (ga !== gb) return !ga ? 1 : !gb ? -1 : ga.toLowerCase() < gb.toLowerCase() ? -1 : 1;
      }
      var x = a[k], y = b[k];
      if (x == null && y == null) return a[0] - b[0];
      if (x == null) return 1;
      if (y == null) return -1;
      if (typeof x === "string") { x = x.toLowerCase(); y = String(y).toLowerCase(); }
      return x < y ? -dir : x > y ? dir : a[0] - b[0];
    });
    groups = {};
    if (st.group) {
      view.forEach(function (r) {
        var g = groups[ownerOf(r)] || (groups[ownerOf(r)] = {n: 0, score: 0, errors: 0, warnings: 0});
        g.n++; g.score += r[C.score]; g.errors += r[C.errors]; g.warnings += r[C.warnings];
      });
    }
    document.querySelectorAll("#articles-table th[data-k]").forEach(function (th) {
      th.classList.remove("asc", "desc");
      if (th.getAttribute("data-k") === st.sort) th.classList.add(st.dir > 0 ? "asc" : "desc");
    });
    page = 0;
    draw();
  }
  function groupRow(name) {
    var g = groups[name];
    var who = name ? esc(name) : "no " + st.group + " found";
    var only = name ? ' <a href="#articles" data-own="' + esc(st.group + ':"' + name + '"') +
      '">only these</a>' : "";
    return '<tr class="grp"><td colspan="' + CELLS.length + '">' + who + ' <span class="muted">· ' +
      plural(g.n, "article") + " · mean score " + (g.score / g.n).toFixed(1) + " · " +
      plural(g.errors, "error") + " · " + plural(g.warnings, "warning") + "</span>" + only +
      "</td></tr>";
  }
  function cell(k, r) {
    var v = r[C[k]], c = ' class="c-' + k;
    switch (k) {
      case "score":
        return "<td" + c + ' num"><span class="score s' + band(v) + '">' + v + "</span></td>";
      case "title":
        return "<td" + c + '"><a href="#' + esc(r[C.anchor]) + '">' + esc(v) +
          '</a><p class="path">' + esc(r[C.path]) + "</p></td>";
      case "fk": case "smog": return "<td" + c + ' num">' + num(v, 1) + "</td>";
      case "review_date": case "author": case "reviewer":
        return "<td" + c + '">' + esc(v || "–") + "</td>";
      case "codes": return "<td" + c + '">' + esc(v) + "</td>";
      default: return "<td" + c + ' num">' + num(v) + "</td>";
    }
  }
  function draw() {
    var n = st.size > 0 ? st.size : view.length || 1;
    var pages = Math.max(1, Math.ceil(view.length / n));
    if (page >= pages) page = pages - 1;
    var part = view.slice(page * n, page * n + n), html = [], last = null;
    for (var i = 0; i < part.length; i++) {
      var r = part[i];
      if (st.group && ownerOf(r) !== last) { last = ownerOf(r); html.push(groupRow(last)); }
      html.push('<tr data-id="' + r[C.id] + '">' +
        CELLS.map(function (k) { return cell(k, r); }).join("") + "</tr>");
    }
    tbody.innerHTML = html.join("") ||
      '<tr><td colspan="' + CELLS.length + '" class="muted">No article matches.</td></tr>';
    tbody.querySelectorAll("[data-own]").forEach(function (a) {
      a.addEventListener("click", function () {
        q.value = a.getAttribute("data-own"); apply();
      });
    });
    info.textContent = view.length ? (page * n + 1) + "–" + (page * n + part.length) + " of " +
      plural(view.length, "article") + (view.length !== rows.length ? " (filtered from " +
      rows.length + ")" : "") : "0 of " + plural(rows.length, "article");
    document.getElementById("prev").disabled = page === 0;
    document.getElementById("next").disabled = page >= pages - 1;
    save();
  }

  // -- the page state in the address ------------------------------------------------------
  function save() {
    var p = new URLSearchParams();
    if (st.q) p.set("q", st.q);
    if (st.show) p.set("show", st.show);
    if (st.sort !== "score" || st.dir !== 1) {
      p.set("sort", st.sort); p.set("dir", st.dir > 0 ? "asc" : "desc");
    }
    if (st.group) p.set("group", st.group);
    if (st.size !== 50) p.set("size", String(st.size));
    if (st.info) p.set("info", "1");
    var s = p.toString(), url = location.pathname + (s ? "?" + s : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      try { history.replaceState(null, "", url); } catch (e) { /* a sandboxed frame */ }
    }
  }
  function load() {
    var p = new URLSearchParams(location.search);
    if (p.get("q")) q.value = p.get("q");
    if (p.get("show") && quick.querySelector('option[value="' + p.get("show") + '"]')) {
      quick.value = p.get("show");
    }
    if (p.get("sort") in C) st.sort = p.get("sort");
    if (p.get("dir") === "desc") st.dir = -1;
    if (p.get("group") === "author" || p.get("group") === "reviewer") st.group = p.get("group");
    groupSel.value = st.group;
    if (p.get("size") && /^\d+$/.test(p.get("size"))) st.size = +p.get("size");
    sizeSel.value = String(st.size);
    if (sizeSel.value !== String(st.size)) { st.size = 50; sizeSel.value = "50"; }
    st.info = p.get("info") === "1";
  }

  // -- article sections: packed in compressed chunks, decoded when one is opened ------------
  var cache = {}, order = [];
  function chunkFor(pos) {
    var els = document.querySelectorAll('script[type="application/octet-stream"][data-first]');
    for (var i = 0; i < els.length; i++) {
      var first = +els[i].getAttribute("data-first"), n = +els[i].getAttribute("data-n");
      if (pos >= first && pos < first + n) return els[i];
    }
    return null;
  }
  function decode(el) {
    if (cache[el.id]) return cache[el.id];
    var bin = atob(el.textContent.trim()), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    var got = new Response(stream).text().then(function (t) {
      var out = {};
      JSON.parse(t).forEach(function (s) { out[s[0]] = s[1]; });
      return out;
    });
    cache[el.id] = got;
    order.push(el.id);
    if (order.length > 8) delete cache[order.shift()];
    return got;
  }
  function route() {
    var h = decodeURIComponent(location.hash.slice(1)), m = /^f-(.+)-(\d+)$/.exec(h);
    var anchor = m ? m[1] : h;
    return anchor in posOf ? {anchor: anchor, target: m ? h : null} : null;
  }
  function show() {
    var r = route();
    if (!r) {  // back to the library view
      if (document.body.classList.contains("reading")) {
        document.body.classList.remove("reading");
        var to = location.hash && document.getElementById(location.hash.slice(1));
        if (to) to.scrollIntoView();
      }
      return;
    }
    if (viewer.getAttribute("data-id") === r.anchor) { place(r); return; }
    var el = chunkFor(posOf[r.anchor]), t0 = performance.now();
    if (!el) return;  // not parsed yet: DOMContentLoaded calls again
    decode(el).then(function (sections) {
      if (route() === null || route().anchor !== r.anchor) return;
      render(r.anchor, sections[r.anchor] || "");
      place(r);
      document.body.setAttribute("data-open-ms", String(Math.round(performance.now() - t0)));
    });
  }
  function place(r) {
    document.body.classList.add("reading");
    var target = r.target ? document.getElementById(r.target) : null;
    if (target) target.scrollIntoView({block: "center"});
    else window.scrollTo(0, 0);
  }
  function render(anchor, html) {
    var pos = -1;
    for (var i = 0; i < view.length; i++) if (view[i][C.anchor] === anchor) { pos = i; break; }
    var nav = '<div class="nav"><a href="#articles">↑ back to the table</a>';
    if (pos > 0) nav += '<a href="#' + esc(view[pos - 1][C.anchor]) + '">← previous</a>';
    if (pos >= 0 && pos < view.length - 1) {
      nav += '<a href="#' + esc(view[pos + 1][C.anchor]) + '">next →</a>';
    }
    viewer.innerHTML = nav + "</div>" + html;
    var items = {};
    viewer.querySelectorAll(".findings li[data-i]").forEach(function (li) {
      items[li.getAttribute("data-i")] = li;
    });
    viewer.querySelectorAll("mark[data-f]").forEach(function (mk) {
      var ids = mk.getAttribute("data-f").split(" ");
      mk.title = ids.map(function (i) {
        var li = items[i];
        return li ? li.getAttribute("data-code") + " " + li.textContent : "";
      }).join("\n");
      mk.setAttribute("data-codes", ids.map(function (i) {
        return items[i] ? items[i].getAttribute("data-code") : "";
      }).join(" "));
    });
    showAll = false;
    var bar = viewer.querySelector(".fbar");
    if (bar) {
      var nInfo = viewer.querySelectorAll(".findings .g-info li").length;
      bar.innerHTML = '<label><input type="checkbox" id="hide-info"' + (st.info ? "" : " checked") +
        "> hide info findings" + (nInfo ? " (" + nInfo + ")" : "") + "</label>" +
        '<span id="carried"></span>' +
        '<a href="#" id="fold">collapse all</a>';
      bar.querySelector("#hide-info").addEventListener("change", function (e) {
        st.info = !e.target.checked; save(); refine();
      });
      bar.querySelector("#fold").addEventListener("click", function (e) {
        e.preventDefault();
        var open = e.target.textContent === "expand all";
        viewer.querySelectorAll(".findings details").forEach(function (d) { d.open = open; });
        e.target.textContent = open ? "collapse all" : "expand all";
      });
    }
    viewer.setAttribute("data-id", anchor);
    viewer.hidden = false;
    refine();
    document.body.setAttribute("data-shown", anchor);
  }
  // the table's rule filter, carried into the article (until "show all"); info hidden or not
  function refine() {
    var on = filterCodes && !showAll ? filterCodes : null, set = {};
    // a rule named in the filter is shown even when it is an info rule
    viewer.classList.toggle("hide-info", !st.info && !on);
    (on || []).forEach(function (c) { set[c] = 1; });
    viewer.querySelectorAll(".findings li[data-code], .findings details.rg").forEach(function (x) {
      x.classList.toggle("off", !!on && !set[x.getAttribute("data-code")]);
    });
    viewer.querySelectorAll(".findings details.sg").forEach(function (d) {
      d.classList.toggle("off", !!on && !d.querySelector("details.rg:not(.off)"));
    });
    // the counts in the headers: what is shown, "1 of 2" while the filter hides some
    viewer.querySelectorAll(".findings details.sg, section.article").forEach(function (g) {
      var n = g.querySelector("span.n[data-n]");
      if (!n) return;
      var all = n.getAttribute("data-n"),
        k = String(g.querySelectorAll("li[data-code]:not(.off)").length);
      n.textContent = on && k !== all ? k + " of " + all : all;
    });
    viewer.querySelectorAll("mark[data-codes]").forEach(function (mk) {
      mk.classList.toggle("off", !!on && !mk.getAttribute("data-codes").split(" ").some(
        function (c) { return set[c]; }));
    });
    var note = viewer.querySelector("#carried");
    if (!note) return;
    if (filterCodes) {
      note.className = "note";
      note.innerHTML = showAll ? 'all findings · <a href="#" id="only">only ' +
        esc(filterLabel) + "</a>" : "only " + esc(filterLabel) +
        ' (the table’s filter) · <a href="#" id="only">show all findings</a>';
      note.querySelector("#only").addEventListener("click", function (e) {
        e.preventDefault(); showAll = !showAll; refine();
      });
    } else { note.className = ""; note.textContent = ""; }
  }

  // -- downloads: the table's rows (as filtered) as CSV (with a BOM, for Excel) or JSON ------
  var EXPORT = ["path", "title", "author", "reviewer", "review_date", "age", "words", "fk",
    "smog", "score", "errors", "warnings", "info", "codes"];
  var EXPORT_NAMES = {age: "review_age_months", fk: "flesch_kincaid"};
  function exportRows() {
    return view.map(function (r) {
      var o = {};
      EXPORT.forEach(function (k) { o[EXPORT_NAMES[k] || k] = r[C[k]]; });
      return o;
    });
  }
  function csvCell(v) {
    var s = v == null ? "" : String(v);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function download(name, type, text) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], {type: type}));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }
  document.getElementById("dl-csv").addEventListener("click", function () {
    var keys = EXPORT.map(function (k) { return EXPORT_NAMES[k] || k; });
    var lines = [keys.join(",")].concat(exportRows().map(function (o) {
      return keys.map(function (k) { return csvCell(o[k]); }).join(",");
    }));
    download("medlint-articles-" + data.today + ".csv", "text/csv;charset=utf-8",
      "\ufeff" + lines.join("\r\n") + "\r\n");
  });
  document.getElementById("dl-json").addEventListener("click", function () {
    download("medlint-articles-" + data.today + ".json", "application/json",
      JSON.stringify(exportRows(), null, 1) + "\n");
  });

  // -- wiring -----------------------------------------------------------------------------
  document.querySelectorAll("#articles-table th[data-k]").forEach(function (th) {
    th.addEventListener("click", function () {
      var k = th.getAttribute("data-k");
      if (k === st.sort) st.dir = -st.dir;
      else { st.sort = k; st.dir = th.classList.contains("num") ? -1 : 1; }
      sort();
    });
  });
  q.addEventListener("input", apply);
  quick.addEventListener("change", apply);
  groupSel.addEventListener("change", function () { st.group = groupSel.value; sort(); });
  sizeSel.addEventListener("change", function () { st.size = +sizeSel.value; page = 0; draw(); });
  document.getElementById("prev").addEventListener("click", function () { page--; draw(); });
  document.getElementById("next").addEventListener("click", function () { page++; draw(); });
  document.querySelectorAll("[data-filter]").forEach(function (a) {
    a.addEventListener("click", function () { q.value = a.getAttribute("data-filter"); apply(); });
  });
  document.querySelectorAll("[data-show]").forEach(function (a) {
    a.addEventListener("click", function () { quick.value = a.getAttribute("data-show"); apply(); });
  });
  window.addEventListener("hashchange", show);
  // the chunks follow this script in the file: open the article in the address once parsed
  document.addEventListener("DOMContentLoaded", function () {
    show();
    document.body.setAttribute("data-parsed-ms", String(Math.round(performance.now())));
  });
  load();
  apply();
  show();
  document.body.setAttribute("data-ready", "1");
  document.body.setAttribute("data-ms", String(Math.round(performance.now())));
})();
