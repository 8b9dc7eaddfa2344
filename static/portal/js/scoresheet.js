/* Running total and the star this sheet would give, as the member chooses. The rules mirror
   evaluations/rules.py (bands, cumulative star minimums, disqualifiers); the server recomputes
   and stores the truth when the sheet is saved. */
(function () {
  "use strict";

  function starFor(total, bands) {
    for (var i = 0; i < bands.length; i++) {
      if (total >= bands[i][0]) { return bands[i][1]; }
    }
    return 1;
  }

  function minimumsStar(thresholds, points) {
    var met = 2;
    var levels = [3, 4, 5];
    for (var l = 0; l < levels.length; l++) {
      var level = levels[l];
      for (var criterion in thresholds) {
        var needed = thresholds[criterion][level];
        if (needed !== undefined && (points[criterion] || 0) < needed) { return met; }
      }
      met = level;
    }
    return met;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-scoresheet]");
    var source = document.getElementById("score-rules");
    if (!form || !source) { return; }
    var rules = JSON.parse(source.textContent);
    var words = document.getElementById("star-words");
    var out = {
      total: form.querySelector("[data-total]"),
      unanswered: form.querySelector("[data-unanswered]"),
      scoreStar: form.querySelector("[data-score-star]"),
      minimums: form.querySelector("[data-minimums-star]"),
      finalStar: form.querySelector("[data-final-star]")
    };

    function starText(n) {
      if (n === null) { return words.getAttribute("data-none"); }
      if (n < 3) { return words.getAttribute("data-star").replace("%(n)s", n) + " (" + words.getAttribute("data-below") + ")"; }
      return words.getAttribute("data-star").replace("%(n)s", n);
    }

    function update() {
      var total = 0;
      var points = {};
      var unanswered = 0;
      form.querySelectorAll("fieldset[data-criterion]").forEach(function (fs) {
        var checked = fs.querySelector("input[type=radio]:checked");
        fs.classList.toggle("unanswered", !checked);
        if (checked) {
          var p = parseInt(checked.getAttribute("data-points"), 10) || 0;
          points[fs.getAttribute("data-criterion")] = p;
          total += p;
        } else {
          unanswered += 1;
        }
      });
      form.querySelectorAll("input[data-part-total]").forEach(function (input) {
        total += parseFloat(input.value) || 0;
      });
      total = Math.round(total * 100) / 100;
      var scoreStar = starFor(total, rules.bands);
      var legacy = !out.minimums;
      var minimums = legacy ? null : minimumsStar(rules.thresholds, points);
      var disqualified = form.querySelector("input[data-disqualifier]:checked") !== null;
      var finalStar = disqualified ? null : (legacy ? scoreStar : Math.min(scoreStar, minimums));
      out.total.textContent = total.toLocaleString(document.documentElement.lang || "vi");
      if (out.unanswered) { out.unanswered.textContent = unanswered; }
      out.scoreStar.textContent = starText(scoreStar);
      if (out.minimums) { out.minimums.textContent = starText(minimums); }
      out.finalStar.textContent = starText(finalStar);
    }

    form.addEventListener("change", update);
    form.addEventListener("input", update);
    update();
  });
})();
