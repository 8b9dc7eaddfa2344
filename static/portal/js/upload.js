/* Dossier uploads with a progress bar: forms marked data-upload are sent by XMLHttpRequest so the
   browser reports upload progress; the server answers JSON. Without JS the form posts normally. */
(function () {
  "use strict";

  function upload(form, event) {
    var input = form.querySelector("input[type=file]");
    if (!input || !input.files.length || !window.FormData) {
      return; // let the browser post the form (and show its own validation message)
    }
    event.preventDefault();
    var box = form.querySelector(".upload-progress");
    var bar = box.querySelector("progress");
    var status = box.querySelector("[data-upload-status]");
    var button = form.querySelector("button[type=submit]");
    box.hidden = false;
    bar.value = 0;
    status.textContent = "0%";
    button.disabled = true;

    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        var percent = Math.round((e.loaded / e.total) * 100);
        bar.value = percent;
        status.textContent = percent + "%";
      }
    });
    xhr.addEventListener("load", function () {
      var answer = {};
      try { answer = JSON.parse(xhr.responseText); } catch (ignore) { answer = {}; }
      if (xhr.status === 200 && answer.ok) {
        bar.value = 100;
        status.textContent = "100% ✓";
        window.location.reload();
      } else {
        button.disabled = false;
        status.textContent = answer.error || form.getAttribute("data-upload-error") || "Error " + xhr.status;
        box.classList.add("has-error");
      }
    });
    xhr.addEventListener("error", function () {
      button.disabled = false;
      status.textContent = form.getAttribute("data-upload-error") || "Network error";
    });
    xhr.send(new FormData(form));
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-upload]").forEach(function (form) {
      form.addEventListener("submit", function (event) { upload(form, event); });
    });
  });
})();
