/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";

  /* Search page: ticking a facet box or changing the sort or page size submits at once. */
  function autosubmit(form) {
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target.matches("input[type=checkbox][name], select")) {
        form.requestSubmit ? form.requestSubmit() : form.submit();
      }
    });
    /* Apply stays useful for the date inputs; empty fields are left out of the URL. */
    form.addEventListener("formdata", function (event) {
      ["q", "from", "to", "sort", "page_size"].forEach(function (name) {
        if (event.formData.get(name) === "") { event.formData.delete(name); }
      });
    });
  }

  /* Folded for matching: case, accents and umlauts (München = Munchen = Muenchen). */
  function folded(text) {
    var low = text.toLowerCase();
    var spelled = low.replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss");
    return [low, spelled].map(function (s) {
      return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    });
  }

  /* A filter box inside a long facet: narrows the values listed, "more" included. */
  function facetFilter(fieldset) {
    var box = fieldset.querySelector(".facet-filter");
    if (!box) { return; }
    var more = fieldset.querySelector(".facet-more");
    var none = fieldset.querySelector(".facet-none");
    var items = Array.prototype.slice.call(fieldset.querySelectorAll(".facet-value"));
    box.hidden = false;
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }  /* not a search */
    });
    /* A value matches when one of its words starts with what was typed (mün: München, not Dortmund). */
    function starts(typed, label) {
      return folded(label).some(function (name) {
        return name.split(/[^0-9a-z]+/).some(function (word, i, words) {
          return typed.some(function (t) { return words.slice(i).join(" ").indexOf(t) === 0; });
        });
      });
    }
    var found = fieldset.querySelector(".facet-found");
    var valuesUrl = fieldset.getAttribute("data-values-url");
    var timer = null;
    var asked = 0;

    /* Values the page does not list: asked from /api/facets/<name> for the current search. */
    function fetchRest(typed) {
      var form = fieldset.form;
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) { if (value !== "") { params.append(key, value); } });
      params.set("contains", typed);
      var mine = ++asked;
      fetch(valuesUrl + "?" + params.toString(), { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { values: [] }; })
        .then(function (body) {
          if (mine !== asked) { return; }
          var listed = {};
          items.forEach(function (item) { listed[item.querySelector("input").value] = true; });
          found.textContent = "";
          (body.values || []).forEach(function (v, i) {
            if (listed[v.value]) { return; }
            var li = document.createElement("li");
            li.className = "facet-value";
            var tick = document.createElement("input");
            tick.type = "checkbox";
            tick.id = "f-" + fieldset.getAttribute("data-facet") + "-found-" + i;
            tick.name = fieldset.getAttribute("data-facet");
            tick.value = v.value;
            tick.checked = v.selected;
            tick.setAttribute("aria-label", v.label);
            var link = document.createElement("a");
            link.className = "facet-link";
            link.href = v.url;
            link.textContent = v.label;
            var count = document.createElement("span");
            count.className = "facet-count";
            count.textContent = v.count;
            li.appendChild(tick); li.appendChild(link); li.appendChild(count);
            found.appendChild(li);
          });
          found.hidden = found.children.length === 0;
          if (none && !found.hidden) { none.hidden = true; }
        })
        .catch(function () { found.hidden = true; });
    }

    box.addEventListener("input", function () {
      /* words joined by one space, as labels are compared: "24-7" finds 24-7PressRelease */
      var typed = folded(box.value).map(function (t) {
        return t.split(/[^0-9a-z]+/).filter(Boolean).join(" ");
      });
      var shown = 0;
      items.forEach(function (item) {
        var label = item.querySelector(".facet-link").textContent;
        var match = !typed[0] || starts(typed, label);
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      if (more && typed[0]) { more.open = true; }
      if (none) { none.hidden = shown > 0; }
      if (found && valuesUrl) {
        window.clearTimeout(timer);
        asked++;
        found.textContent = "";
        found.hidden = true;
        if (typed[0].length >= 2) { timer = window.setTimeout(function () { fetchRest(box.value.trim()); }, 150); }
      }
    });
  }

  /* Suggestions under the search box, from /api/suggest, with the keyboard or the mouse. */
  function suggestions(box) {
    var input = box.querySelector("input[type=search]");
    var list = box.querySelector(".suggestions");
    var form = input.form;
    var url = box.getAttribute("data-suggest-url");
    var timer = null;
    var asked = 0;
    var active = -1;

    function options() { return Array.prototype.slice.call(list.querySelectorAll("[role=option]")); }

    function close() {
      list.hidden = true;
      list.textContent = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function mark(index) {
      var all = options();
      active = index;
      all.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      if (index >= 0) { input.setAttribute("aria-activedescendant", all[index].id); }
      else { input.removeAttribute("aria-activedescendant"); }
    }

    function show(found) {
      list.textContent = "";
      found.forEach(function (s, i) {
        var option = document.createElement("li");
        option.id = "q-suggestion-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-url", s.url);
        option.className = "suggestion-" + s.kind;
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = list.getAttribute("data-kind-" + s.kind) || s.kind;
        var label = document.createElement("span");
        label.className = "label";
        label.textContent = s.label;
        option.appendChild(kind);
        option.appendChild(label);
        if (s.count) {
          var count = document.createElement("span");
          count.className = "count";
          count.textContent = s.count;
          option.appendChild(count);
        }
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.href = s.url;
        });
        list.appendChild(option);
      });
      list.hidden = found.length === 0;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
      active = -1;
    }

    function ask() {
      var data = new FormData(form);
      data.set("q", input.value);
      var params = new URLSearchParams();
      data.forEach(function (value, key) { if (value !== "") { params.append(key, value); } });
      var mine = ++asked;
      fetch(url + "?" + params.toString(), { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (body) { if (mine === asked) { show(body.suggestions || []); } })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      if (input.value.trim().length < 2) { asked++; close(); return; }
      timer = window.setTimeout(ask, 120);
    });
    input.addEventListener("keydown", function (event) {
      var all = options();
      if (list.hidden || !all.length) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); mark((active + 1) % all.length); }
      else if (event.key === "ArrowUp") { event.preventDefault(); mark(active <= 0 ? all.length - 1 : active - 1); }
      else if (event.key === "Escape") { event.preventDefault(); close(); }  /* keep the words */
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = all[active].getAttribute("data-url");
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  /* Admin page: poll the re-index status while one runs, then reload once. */
  function pollStatus(box) {
    var url = box.getAttribute("data-status-url");
    var running = box.getAttribute("data-running") === "true";
    var progress = document.getElementById("status-progress");
    var label = document.getElementById("status-running");
    var text = box.getAttribute("data-progress-text") || "{done} / {total}";
    if (!running) { return; }
    var timer = window.setInterval(function () {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (status) {
          var s = status.job;
          if (progress) { progress.max = s.total || 1; progress.value = s.done; progress.hidden = false; }
          if (label && s.running) {
            label.textContent = text.replace("{done}", s.done).replace("{total}", s.total);
          }
          if (!status.indexing) { window.clearInterval(timer); window.location.reload(); }
        })
        .catch(function () { window.clearInterval(timer); });
    }, 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-autosubmit]").forEach(autosubmit);
    document.querySelectorAll(".facet[data-facet]").forEach(facetFilter);
    document.querySelectorAll(".query-box[data-suggest-url]").forEach(suggestions);
    var box = document.getElementById("index-status");
    if (box) { pollStatus(box); }
  });
})();
