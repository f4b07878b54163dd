// The timeline: events per period (GET /timeline) as stacked bars, one colour per QuadClass, on
// a continuous time axis (every period from the first to the last has its slot, empty or not).
// A bar opens the events it counts: the page's filters, its period and its QuadClass.

import { api, clear, count, el, eventsHref, formToQuery, QUAD_CLASSES, setStatus, startFilteredPage, svg, tooltip } from "./common.js";

const form = document.getElementById("timeline-form");
const chart = document.getElementById("timeline");
const total = document.getElementById("total");
const [WIDTH, HEIGHT] = [1000, 420];
const MARGIN = { top: 20, right: 20, bottom: 60, left: 50 };
const MOST_SLOTS = 5000; // a span longer than this many periods is drawn only where it has events

// A day "YYYY-MM-DD" <-> a Date at UTC midnight.
const toDate = (day) => new Date(`${day}T00:00:00Z`);
const toDay = (date) => date.toISOString().slice(0, 10);

// The first day of the period after the one starting on `day`.
function nextPeriod(day, interval) {
  const date = toDate(day);
  if (interval === "day") date.setUTCDate(date.getUTCDate() + 1);
  else if (interval === "week") date.setUTCDate(date.getUTCDate() + 7);
  else if (interval === "month") date.setUTCMonth(date.getUTCMonth() + 1);
  else date.setUTCFullYear(date.getUTCFullYear() + 1);
  return toDay(date);
}

// The last day of the period starting on `day`.
function periodEnd(day, interval) {
  const date = toDate(nextPeriod(day, interval));
  date.setUTCDate(date.getUTCDate() - 1);
  return toDay(date);
}

// How a period is named on the axis.
function periodLabel(day, interval) {
  if (interval === "year") return day.slice(0, 4);
  if (interval === "month") return day.slice(0, 7);
  return interval === "week" ? `week of ${day}` : day;
}

// Every period from the first to the last row's (empty ones too), each with its count per class.
function byPeriod(rows, interval) {
  const counts = new Map();
  for (const row of rows) {
    if (!counts.has(row.period)) counts.set(row.period, { 1: 0, 2: 0, 3: 0, 4: 0 });
    counts.get(row.period)[row.quad_class] += Number(row.events) || 0;
  }
  const held = [...counts.keys()].sort();
  if (held.length === 0) return { periods: [], counts };
  const periods = [];
  for (let day = held[0]; day <= held[held.length - 1] && periods.length <= MOST_SLOTS; day = nextPeriod(day, interval)) periods.push(day);
  return { periods: periods.length > MOST_SLOTS ? held : periods, counts };
}

// A round step for the y axis that gives about five grid lines up to `max`.
function niceStep(max) {
  const rough = Math.max(1, max / 5);
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough);
}

// The events page's link for one bar: the page's filters, the period (within the filters' own
// days) and the QuadClass.
function barHref(filters, period, interval, quad) {
  const end = periodEnd(period, interval);
  const since = filters.since && filters.since > period ? filters.since : period;
  const until = filters.until && filters.until < end ? filters.until : end;
  return eventsHref({ ...filters, interval: undefined, since, until, quad_class: quad });
}

// Draw the stacked bars, axes and labels.
function drawChart(rows, interval, filters) {
  clear(chart);
  const { periods, counts } = byPeriod(rows, interval);
  if (periods.length === 0) {
    chart.appendChild(svg("text", { x: WIDTH / 2, y: HEIGHT / 2, "text-anchor": "middle" }, "No events for these filters."));
    return;
  }
  const zero = { 1: 0, 2: 0, 3: 0, 4: 0 };
  const totals = periods.map((p) => Object.values(counts.get(p) || zero).reduce((a, b) => a + b, 0));
  const step = niceStep(Math.max(...totals));
  const top = Math.ceil(Math.max(...totals) / step) * step;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (value) => MARGIN.top + plotH - (value / top) * plotH;
  const slot = plotW / periods.length;
  const barW = Math.max(1, Math.min(60, slot * 0.8));

  for (let value = 0; value <= top; value += step) {
    chart.appendChild(svg("line", { class: "grid", x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value) }));
    chart.appendChild(svg("text", { x: MARGIN.left - 6, y: y(value) + 4, "text-anchor": "end" }, count(value)));
  }
  chart.appendChild(svg("line", { class: "axis", x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0) }));

  const labelEvery = Math.ceil(periods.length / 16); // about 16 labels at most
  periods.forEach((period, i) => {
    const x = MARGIN.left + slot * i + (slot - barW) / 2;
    let base = 0;
    for (const quad of [1, 2, 3, 4]) {
      const n = (counts.get(period) || zero)[quad];
      if (!n) continue;
      const bar = svg(
        "rect",
        { class: `bar q${quad}`, x, y: y(base + n), width: barW, height: Math.max(1, y(base) - y(base + n)), fill: QUAD_CLASSES[quad].colour, "data-events": n, "data-period": period },
        tooltip(`${periodLabel(period, interval)} · ${QUAD_CLASSES[quad].name}: ${count(n)} events (click for them)`),
      );
      chart.appendChild(svg("a", { href: barHref(filters, period, interval, quad), class: "bar-link" }, bar));
      base += n;
    }
    if (i % labelEvery === 0) {
      const lx = x + barW / 2;
      const ly = y(0) + 14;
      chart.appendChild(svg("text", { x: lx, y: ly, "text-anchor": "end", transform: `rotate(-40 ${lx} ${ly})` }, periodLabel(period, interval).replace("week of ", "")));
    }
  });
}

// Where a few stray days stretch the axis, a link to the days that hold nearly every event.
function showFocus(focus) {
  const box = document.getElementById("focus");
  clear(box);
  if (!focus) return;
  const link = el("a", { href: "#", id: "focus-link" }, `show only ${focus[0]} to ${focus[1]}`);
  link.addEventListener("click", (event) => {
    event.preventDefault();
    form.elements.since.value = focus[0];
    form.elements.until.value = focus[1];
    form.requestSubmit();
  });
  box.append(`96% of these events fall between ${focus[0]} and ${focus[1]}; a few stray days stretch the axis: `, link);
}

// Fetch the timeline for the form's filters and draw it.
async function load(params) {
  setStatus("Loading…");
  try {
    const answer = await api("/timeline", params);
    const interval = answer.interval || "day";
    drawChart(answer.rows || [], interval, formToQuery(form));
    total.dataset.total = String(answer.total);
    total.textContent = `${count(answer.total)} events, by ${interval}`;
    showFocus(answer.focus);
    setStatus(answer.rows && answer.rows.length ? "" : answer.note || "");
  } catch (error) {
    clear(chart);
    total.textContent = "";
    setStatus(`Could not load the timeline: ${error.message}`, true);
  }
}

startFilteredPage(form, load, document.getElementById("legend"));
