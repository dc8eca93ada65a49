/* 통계 페이지: chart.js 그래프(각 그래프의 수치는 옆·아래 표에 있음)와 지도 안내.
 * Statistics page: draws the charts from the JSON the page embeds, and reads out the
 * focused or hovered map region. Every figure is also in a table: without JavaScript
 * nothing is lost. */
(function () {
  "use strict";

  function readout() {
    var box = document.getElementById("map-readout");
    if (!box) return;
    document.querySelectorAll(".portal-map-region").forEach(function (region) {
      function show() { box.textContent = region.getAttribute("aria-label"); }
      region.addEventListener("focus", show);
      region.addEventListener("mouseenter", show);
    });
  }

  function charts() {
    var source = document.getElementById("portal-chart-data");
    if (!source || typeof window.Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var Chart = window.Chart;
    var style = getComputedStyle(document.body);
    Chart.defaults.font.family = style.fontFamily;
    Chart.defaults.font.size = 13;
    Chart.defaults.color = "#1e2124";
    // No motion: some people are made unwell by it, and screenshots stay stable.
    Chart.defaults.animation = false;
    Chart.defaults.maintainAspectRatio = false;
    var primary = "#256ef4", dark = "#083891", light = "#9ec5fe";
    var outcomeColours = ["#228738", "#256ef4", "#c78500", "#6d7882"];

    function bar(id, labels, datasets, options) {
      var canvas = document.getElementById(id);
      if (!canvas) return;
      new Chart(canvas, {
        type: "bar",
        data: { labels: labels, datasets: datasets },
        options: Object.assign({ plugins: { legend: { display: datasets.length > 1 } } }, options || {})
      });
    }

    var L = data.labels;
    bar("chart-status", data.status.labels, [{ label: L.count, data: data.status.values, backgroundColor: primary }]);
    var outcome = document.getElementById("chart-outcome");
    if (outcome) {
      new Chart(outcome, {
        type: "doughnut",
        data: { labels: data.outcome.labels, datasets: [{ label: L.count, data: data.outcome.values, backgroundColor: outcomeColours }] },
        options: { plugins: { legend: { position: "right" } } }
      });
    }
    bar("chart-rate", data.region.labels, [{ label: L.rate, data: data.region.rates, backgroundColor: primary }],
      { scales: { y: { min: 0, max: 100 } } });
    bar("chart-department", data.department.labels, [
      { label: L.median, data: data.department.median, backgroundColor: primary },
      { label: L.p90, data: data.department.p90, backgroundColor: light }
    ], { indexAxis: "y" });
    bar("chart-strategy", data.strategy.labels, [{ label: L.count, data: data.strategy.values, backgroundColor: dark }],
      { indexAxis: "y" });
    var monthly = document.getElementById("chart-monthly");
    // The running month (partial_index) is not a finished month: its segment is dotted and
    // grey and its point hollow, so a few days' figures do not read as a drop.
    var partial = data.monthly.partial_index;
    function running(dataset) {
      if (partial < 0) return dataset;
      var colour = dataset.borderColor;
      dataset.segment = {
        borderDash: function (ctx) { return ctx.p1DataIndex === partial ? [2, 4] : dataset.borderDash; },
        borderColor: function (ctx) { return ctx.p1DataIndex === partial ? "#8a949e" : colour; }
      };
      dataset.pointBackgroundColor = dataset.data.map(function (_v, i) { return i === partial ? "#ffffff" : colour; });
      dataset.pointBorderColor = dataset.data.map(function (_v, i) { return i === partial ? "#8a949e" : colour; });
      return dataset;
    }
    if (monthly) {
      new Chart(monthly, {
        type: "line",
        data: {
          labels: data.monthly.labels,
          datasets: [
            running({ label: L.received, data: data.monthly.received, borderColor: primary, backgroundColor: primary }),
            running({ label: L.decided, data: data.monthly.decided, borderColor: "#228738", backgroundColor: "#228738", borderDash: [6, 4] })
          ]
        },
        options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
      });
    }
  }

  function start() { readout(); charts(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
