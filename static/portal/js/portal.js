/* Small progressive enhancements shared by every page. The pages work without it. */
(function () {
  "use strict";
  document.documentElement.classList.replace("no-js", "js");

  document.addEventListener("DOMContentLoaded", function () {
    // Phone menu: collapsed until the toggle opens it.
    var toggle = document.querySelector("[data-nav-toggle]");
    var collapsible = document.querySelectorAll(".main-nav, .header-tools");
    if (toggle) {
      collapsible.forEach(function (el) { el.classList.add("is-collapsed"); });
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") === "true";
        toggle.setAttribute("aria-expanded", open ? "false" : "true");
        collapsible.forEach(function (el) { el.classList.toggle("is-collapsed", open); });
      });
    }

    // Selects that submit their form on change (language switch, filter shortcuts).
    document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
      form.querySelectorAll("[data-hide-with-js]").forEach(function (el) { el.hidden = true; });
      form.querySelectorAll("select").forEach(function (select) {
        select.addEventListener("change", function () { form.submit(); });
      });
    });

    // Forms that ask before an irreversible step.
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) {
          event.preventDefault();
        }
      });
    });

    // Buttons that show progress while a long request runs (exports, imports).
    document.querySelectorAll("form[data-busy]").forEach(function (form) {
      form.addEventListener("submit", function () {
        var status = form.querySelector("[data-busy-status]");
        if (status) {
          status.hidden = false;
        }
        form.querySelectorAll("button[type=submit]").forEach(function (b) {
          b.setAttribute("aria-disabled", "true");
        });
      });
    });
  });
})();
