// The events explorer: the filter form (kept in the URL), a sortable table of events, and
// "load more" paging through GET /events.

import { actorLabel, api, articleHref, clear, corpusHref, el, formFromQuery, formToQuery, setStatus } from "./common.js";

const form = document.getElementById("filters");
const table = document.getElementById("events-table");
const body = table.querySelector("tbody");
const more = document.getElementById("more");

let rows = []; // every row loaded so far, in the order shown
let params = {}; // the filters of the rows loaded
let sortKey = null;
let sortDescending = false;

// The value a column sorts by.
function sortValue(row, key) {
  if (key === "source") return row.source_name || row.source_code || "";
  if (key === "target") return row.target_name || row.target_code || "";
  const value = row[key];
  return value === null || value === undefined ? "" : value;
}

// Compare two rows by the current sort column.
function compareRows(a, b) {
  const [x, y] = [sortValue(a, sortKey), sortValue(b, sortKey)];
  const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
  return sortDescending ? -order : order;
}

// One table row for an event.
function eventRow(row) {
  const cameo = el("span", { class: "code" }, row.cameo || "");
  const name = row.cameo_name || row.plover || "";
  return el(
    "tr",
    {},
    el("td", { class: "code" }, row.day || ""),
    el("td", {}, actorLabel(row.source_name, row.source_code)),
    el("td", {}, cameo, name ? ` ${name}` : ""),
    el("td", {}, actorLabel(row.target_name, row.target_code)),
    el("td", {}, row.modality || ""),
    el("td", { class: "num" }, row.num_sources ?? ""),
    el("td", { class: "sentence" }, row.sentence || "", row.title ? el("div", { class: "muted" }, row.title) : null),
    el(
      "td",
      {},
      el("a", { class: "article-link", href: articleHref(row.article_id, row.event_id) }, "article"),
      row.corpus_event_id ? el("br") : null,
      row.corpus_event_id ? el("a", { class: "corpus-link", href: corpusHref(row.corpus_event_id) }, "corpus event") : null,
    ),
  );
}

// Redraw the table body from `rows` (sorted if a column was chosen).
function drawTable() {
  const shown = sortKey ? [...rows].sort(compareRows) : rows;
  clear(body);
  for (const row of shown) body.appendChild(eventRow(row));
  for (const th of table.querySelectorAll("th.sortable")) {
    th.setAttribute("aria-sort", th.dataset.key === sortKey ? (sortDescending ? "descending" : "ascending") : "none");
  }
}

// Fetch one page of events at `offset`, adding to (or replacing) the rows shown.
async function load(offset) {
  setStatus("Loading…");
  more.disabled = true;
  try {
    const page = await api("/events", { ...params, offset });
    rows = offset === 0 ? page.rows : rows.concat(page.rows);
    drawTable();
    more.hidden = rows.length >= page.total;
    more.dataset.offset = String(offset + page.rows.length);
    setStatus(rows.length ? `${rows.length} of ${page.total} events shown` : page.note || "No events match the filters.");
  } catch (error) {
    if (offset === 0) {
      // the rows of earlier filters must not stand under the message as if they answered these
      rows = [];
      drawTable();
      more.hidden = true;
    }
    setStatus(`Could not load events: ${error.message}`, true);
  } finally {
    more.disabled = false;
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  params = formToQuery(form);
  load(0);
});

more.addEventListener("click", () => load(Number(more.dataset.offset) || 0));

for (const th of table.querySelectorAll("th.sortable")) {
  th.addEventListener("click", () => {
    sortDescending = sortKey === th.dataset.key ? !sortDescending : false;
    sortKey = th.dataset.key;
    drawTable();
  });
}

formFromQuery(form);
params = formToQuery(form);
load(0);
