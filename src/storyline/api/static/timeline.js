// The timeline: events per period (GET /timeline) as stacked bars, one colour per QuadClass.

import { api, clear, formToQuery, QUAD_CLASSES, setStatus, startFilteredPage, svg, tooltip } from "./common.js";

const form = document.getElementById("timeline-form");
const chart = document.getElementById("timeline");
const [WIDTH, HEIGHT] = [1000, 420];
const MARGIN = { top: 20, right: 20, bottom: 60, left: 50 };

// Rows of {period, quad_class, events} -> sorted periods and, per period, the count per class.
function byPeriod(rows) {
  const counts = new Map();
  for (const row of rows) {
    if (!counts.has(row.period)) counts.set(row.period, { 1: 0, 2: 0, 3: 0, 4: 0 });
    counts.get(row.period)[row.quad_class] += Number(row.events) || 0;
  }
  const periods = [...counts.keys()].sort();
  return { periods, counts };
}

// A round step for the y axis that gives about five grid lines up to `max`.
function niceStep(max) {
  const rough = Math.max(1, max / 5);
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough);
}

// Draw the stacked bars, axes and labels.
function drawChart(rows) {
  clear(chart);
  const { periods, counts } = byPeriod(rows);
  if (periods.length === 0) {
    chart.appendChild(svg("text", { x: WIDTH / 2, y: HEIGHT / 2, "text-anchor": "middle" }, "No events for these filters."));
    return;
  }
  const totals = periods.map((p) => Object.values(counts.get(p)).reduce((a, b) => a + b, 0));
  const max = Math.max(...totals);
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (value) => MARGIN.top + plotH - (value / top) * plotH;
  const slot = plotW / periods.length;
  const barW = Math.max(1, Math.min(60, slot * 0.8));

  for (let value = 0; value <= top; value += step) {
    chart.appendChild(svg("line", { class: "grid", x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value) }));
    chart.appendChild(svg("text", { x: MARGIN.left - 6, y: y(value) + 4, "text-anchor": "end" }, String(value)));
  }
  chart.appendChild(svg("line", { class: "axis", x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0) }));

  const labelEvery = Math.ceil(periods.length / 20); // about 20 labels at most
  periods.forEach((period, i) => {
    const x = MARGIN.left + slot * i + (slot - barW) / 2;
    let base = 0;
    for (const quad of [1, 2, 3, 4]) {
      const n = counts.get(period)[quad];
      if (!n) continue;
      chart.appendChild(
        svg(
          "rect",
          { class: `bar q${quad}`, x, y: y(base + n), width: barW, height: y(base) - y(base + n), fill: QUAD_CLASSES[quad].colour },
          tooltip(`${period} · ${QUAD_CLASSES[quad].name}: ${n}`),
        ),
      );
      base += n;
    }
    if (i % labelEvery === 0) {
      const lx = x + barW / 2;
      const ly = y(0) + 14;
      chart.appendChild(svg("text", { x: lx, y: ly, "text-anchor": "end", transform: `rotate(-40 ${lx} ${ly})` }, period));
    }
  });
}

// Fetch the timeline for the form's filters and draw it.
async function load() {
  const params = formToQuery(form);
  setStatus("Loading…");
  try {
    const answer = await api("/timeline", params);
    drawChart(answer.rows || []);
    const total = (answer.rows || []).reduce((sum, row) => sum + (Number(row.events) || 0), 0);
    setStatus(`${total} events`);
  } catch (error) {
    clear(chart);
    setStatus(`Could not load the timeline: ${error.message}`, true);
  }
}

startFilteredPage(form, load, document.getElementById("legend"));
