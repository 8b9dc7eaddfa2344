/* Draws every <canvas data-chart="ID"> from the JSON in <script id="ID" type="application/json">
   (Django's json_script): no inline script, so the strict CSP holds. */
(function () {
  "use strict";
  var PALETTE = ["#0d7052", "#e0a100", "#174ea6", "#a61b1b", "#6b4fa3", "#2f8f9d", "#8a5a00", "#41474e"];
  var STAR_COLOURS = ["#7fb8a3", "#0d7052", "#e0a100"];

  function colours(spec, index) {
    if (spec.type === "doughnut") {
      return spec.labels.map(function (_, i) { return PALETTE[i % PALETTE.length]; });
    }
    if (spec.stacked && spec.datasets.length === 3) {
      return STAR_COLOURS[index];
    }
    return PALETTE[index % PALETTE.length];
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var horizontal = spec.type === "bar" && spec.labels.length > 8;
    new window.Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (dataset, i) {
          return { label: dataset.label, data: dataset.data, backgroundColor: colours(spec, i), borderWidth: 1 };
        })
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: horizontal ? "y" : "x",
        plugins: {
          legend: { display: spec.type === "doughnut" || spec.datasets.length > 1, position: "bottom" }
        },
        scales: spec.type === "doughnut" ? {} : {
          x: { stacked: spec.stacked, ticks: { precision: 0 } },
          y: { stacked: spec.stacked, beginAtZero: true, ticks: { precision: 0 } }
        }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (window.Chart) {
      window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
      window.Chart.defaults.color = "#41474e";
    }
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
