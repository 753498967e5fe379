/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";

  /* Search page: ticking a facet box or changing the sort submits at once. */
  function autosubmit(form) {
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target.matches("input[type=checkbox][name], select")) {
        form.requestSubmit ? form.requestSubmit() : form.submit();
      }
    });
    /* Apply stays useful for the date inputs; empty fields are left out of the URL. */
    form.addEventListener("formdata", function (event) {
      ["from", "to", "sort"].forEach(function (name) {
        if (event.formData.get(name) === "") { event.formData.delete(name); }
      });
    });
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
    var box = document.getElementById("index-status");
    if (box) { pollStatus(box); }
  });
})();
