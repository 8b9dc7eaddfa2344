/* Imports with a progress bar. Forms marked data-import are sent by XMLHttpRequest: the bar shows the
   upload, then the rows checked or written, which the server streams as JSON lines while the import
   runs; its last line carries the result, shown in place (with the confirm form after a dry run).
   Without JavaScript the form posts normally and the server answers with the result page. */
(function () {
  "use strict";

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, name) {
      return values[name] === undefined ? match : String(values[name]);
    });
  }

  function resultBox(form) {
    var inside = form.closest("[data-import-result]");
    if (inside) { return inside; }
    var card = form.closest(".card");
    return card ? card.querySelector("[data-import-result]") : null;
  }

  function send(form, event) {
    var input = form.querySelector("input[type=file]");
    var target = resultBox(form);
    if ((input && !input.files.length) || !target || !window.FormData || !window.XMLHttpRequest) {
      return; // the browser posts the form (and shows its own message for a missing file)
    }
    event.preventDefault();
    var box = form.querySelector("[data-import-progress]");
    var bar = box.querySelector("progress");
    var status = box.querySelector("[data-import-status]");
    var writing = !input;
    var seen = 0;
    var finished = false;
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
    box.hidden = false;
    bar.max = 100;
    bar.value = 0;
    status.textContent = box.getAttribute("data-uploading") + " 0%";

    function fail(message) {
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = false; });
      status.textContent = message || form.getAttribute("data-import-error");
      box.classList.add("has-error");
    }

    function step(line) {
      var message;
      try { message = JSON.parse(line); } catch (ignore) { return; }
      if (message.html !== undefined) {
        finished = true;
        bar.value = bar.max;
        box.hidden = true;
        target.innerHTML = message.html;
        bind(target);
        target.setAttribute("tabindex", "-1");
        target.focus();
        return;
      }
      var values = { done: message.done, total: message.total };
      var key = (writing ? "data-writing" : "data-checking") + (message.total ? "-of" : "");
      bar.max = Math.max(message.total || message.done, message.done, 1);
      bar.value = message.done;
      status.textContent = format(box.getAttribute(key), values);
    }

    function readLines(text) {
      var end = text.lastIndexOf("\n");
      if (end < seen) { return; }
      text.slice(seen, end).split("\n").forEach(function (line) { if (line.trim()) { step(line); } });
      seen = end + 1;
    }

    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("Accept", "application/x-ndjson");
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        var percent = Math.round((e.loaded / e.total) * 100);
        bar.value = percent;
        status.textContent = box.getAttribute("data-uploading") + " " + percent + "%";
      }
    });
    xhr.addEventListener("progress", function () {
      if (xhr.status === 200) { readLines(xhr.responseText); }
    });
    xhr.addEventListener("load", function () {
      if (xhr.status !== 200) {
        var answer = {};
        try { answer = JSON.parse(xhr.responseText); } catch (ignore) { answer = {}; }
        fail(answer.error);
        return;
      }
      readLines(xhr.responseText + "\n");
      if (!finished) { fail(); }
    });
    xhr.addEventListener("error", function () { fail(); });
    xhr.send(new FormData(form));
  }

  function bind(root) {
    root.querySelectorAll("form[data-import]").forEach(function (form) {
      form.addEventListener("submit", function (event) { send(form, event); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { bind(document); });
})();
