// The events explorer: the filter form (kept in the URL), the total that matches, a table sorted
// on the server over every match (click a header), "load more" paging through GET /events, and
// the filter's events as a file (GET /events/download).

import { actorLabel, api, apiParams, articleHref, clear, corpusHref, count, el, formToQuery, setStatus, startFilteredPage } from "./common.js";

const form = document.getElementById("filters");
const table = document.getElementById("events-table");
const body = table.querySelector("tbody");
const more = document.getElementById("more");
const total = document.getElementById("total");
const NEWEST_FIRST = new Set(["day", "sources", "confidence"]); // a first click sorts these descending

let params = {}; // the API parameters of the rows shown
let shown = 0;

// One table row for an event.
function eventRow(row) {
  const cameo = el("span", { class: "code" }, row.cameo || "");
  const name = row.cameo_name || row.plover || "";
  return el(
    "tr",
    {},
    el("td", { class: "code day" }, row.day || ""),
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

// The headers show the order the server sorted by.
function markSort() {
  const key = form.elements.sort.value || "day";
  const ascending = form.elements.ascending.value === "true";
  for (const th of table.querySelectorAll("th.sortable")) {
    th.setAttribute("aria-sort", th.dataset.key === key ? (ascending ? "ascending" : "descending") : "none");
  }
}

// The download links: the same filters and order, every row.
function linkDownloads() {
  const { limit, offset, ...filters } = params;
  for (const format of ["csv", "parquet"]) {
    document.getElementById(`download-${format}`).href = `/events/download?${new URLSearchParams({ ...filters, format })}`;
  }
}

// Fetch one page of events at `offset`, adding to (or replacing) the rows shown.
async function load(offset) {
  setStatus("Loading…");
  more.disabled = true;
  try {
    const page = await api("/events", { ...params, offset });
    if (offset === 0) clear(body);
    for (const row of page.rows) body.appendChild(eventRow(row));
    shown = offset + page.rows.length;
    more.hidden = shown >= page.total;
    more.dataset.offset = String(shown);
    total.dataset.total = String(page.total);
    total.textContent = page.total ? `${count(page.total)} events match · rows 1–${count(shown)} shown` : "";
    setStatus(page.rows.length ? "" : page.note || "No events match the filters.");
  } catch (error) {
    if (offset === 0) {
      // the rows of earlier filters must not stand under the message as if they answered these
      clear(body);
      more.hidden = true;
      total.textContent = "";
      delete total.dataset.total;
    }
    setStatus(`Could not load events: ${error.message}`, true);
  } finally {
    more.disabled = false;
  }
}

function loadFirst(apiParameters) {
  params = apiParameters;
  markSort();
  linkDownloads();
  return load(0);
}

more.addEventListener("click", () => load(Number(more.dataset.offset) || 0));

for (const th of table.querySelectorAll("th.sortable")) {
  th.addEventListener("click", () => {
    const key = th.dataset.key;
    const ascending = form.elements.sort.value === key ? form.elements.ascending.value !== "true" : !NEWEST_FIRST.has(key);
    form.elements.sort.value = key;
    form.elements.ascending.value = String(ascending);
    loadFirst(apiParams(formToQuery(form)));
  });
}

startFilteredPage(form, loadFirst);
