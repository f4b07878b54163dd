// Helpers shared by every page: fetching the JSON API, building DOM and SVG nodes safely,
// reading and writing the filters kept in the URL, and the QuadClass names and colours.
//
// Safety rule for the whole UI: data from the API only ever reaches the page as text nodes
// (createTextNode / textContent) or as attribute values (setAttribute); never as markup.

export const QUAD_CLASSES = {
  1: { name: "Verbal cooperation", colour: "#6aa84f" },
  2: { name: "Material cooperation", colour: "#2e7d32" },
  3: { name: "Verbal conflict", colour: "#e69138" },
  4: { name: "Material conflict", colour: "#c62828" },
};

const SVG_NS = "http://www.w3.org/2000/svg";

// Fetch `path` from the JSON API with `params` as the query string; returns the parsed body
// or throws an Error carrying the API's error message.
export async function api(path, params = {}, init = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(key, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" }, ...init });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const message = body && body.error ? body.error.message : `${response.status} ${response.statusText}`;
    throw new Error(message);
  }
  return body;
}

// POST `data` as JSON to `path`; same answer and errors as api().
export function apiPost(path, data) {
  return api(path, {}, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(data) });
}

// Build an HTML element: `attrs` are set with setAttribute (class via "class"), children are
// nodes or strings (strings become text nodes, so they are never parsed as markup).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  append(node, children);
  return node;
}

// Build an SVG element the same way.
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attrs);
  append(node, children);
  return node;
}

function setAttributes(node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(key, String(value));
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// An SVG <title> child: the browser shows it as a tooltip.
export function tooltip(text) {
  return svg("title", {}, text);
}

// Remove every child of `node`.
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

// Only http(s) links from the data are made clickable (no javascript: or data: URLs).
export function safeUrl(url) {
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

// Show a message in the page's status line (#status); `error` styles it as a failure.
export function setStatus(message, error = false) {
  const status = document.getElementById("status");
  if (!status) return;
  status.textContent = message;
  status.classList.toggle("error", error);
}

// The link to an article's view, optionally scrolled to one of its events.
export function articleHref(articleId, eventId) {
  const base = `/ui/article/${encodeURIComponent(articleId)}`;
  return eventId ? `${base}#${encodeURIComponent(eventId)}` : base;
}

// The link to a corpus event's page.
export function corpusHref(corpusEventId) {
  return `/ui/corpus-event/${encodeURIComponent(corpusEventId)}`;
}

// The last segment of the page's path, decoded (the id in /ui/article/{id}).
export function idFromPath() {
  const parts = window.location.pathname.split("/");
  return decodeURIComponent(parts[parts.length - 1] || "");
}

// Fill the named inputs of `form` from the URL's query string.
export function formFromQuery(form) {
  const query = new URLSearchParams(window.location.search);
  for (const field of form.elements) {
    if (field.name && query.has(field.name)) field.value = query.get(field.name);
  }
}

// The non-empty named inputs of `form`, as an object; also written to the URL's query string.
export function formToQuery(form) {
  const params = {};
  for (const field of form.elements) {
    if (field.name && field.value !== "") params[field.name] = field.value;
  }
  const query = new URLSearchParams(params).toString();
  window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
  return params;
}

// A legend of the four QuadClasses, filled into `node`.
export function quadLegend(node) {
  clear(node);
  for (const [quad, { name }] of Object.entries(QUAD_CLASSES)) {
    node.appendChild(el("span", {}, el("span", { class: `swatch q${quad}` }), name));
  }
}

// "Actor name (CODE)", or whichever of the two is known.
export function actorLabel(name, code) {
  if (name && code) return `${name} (${code})`;
  return name || code || "—";
}

// A count as people read it: 12,345.
export function count(n) {
  return Number(n || 0).toLocaleString("en");
}

// The filters as the API takes them: "any" (the forms' way of saying no filter, kept in the URL
// so that a link says what it shows) is left out.
export function apiParams(params) {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== "any"));
}

// The events page's link for `params` (the filters of a chart and what a click adds to them).
export function eventsHref(params) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== ""));
  return `/ui/events?${query}`;
}

// The dataset grade, every page's default: asserted events with a coded source (as storyline
// export writes them). #grade-note says which the page shows; #grade-switch changes it.
const GRADE = { modality: "asserted", coded: "source" };

function isGraded(form) {
  return Object.entries(GRADE).every(([name, value]) => form.elements[name] && form.elements[name].value === value);
}

function wireGradeSwitch(form, load) {
  const note = document.getElementById("grade-note");
  const button = document.getElementById("grade-switch");
  if (!note || !button) return () => {};
  const show = () => {
    const graded = isGraded(form);
    note.textContent = graded
      ? "Showing the dataset grade: asserted events with a coded source."
      : "Showing every event the filters keep, not only the dataset grade.";
    button.textContent = graded ? "Show all events" : "Dataset grade only";
  };
  button.addEventListener("click", () => {
    const graded = isGraded(form);
    for (const [name, value] of Object.entries(GRADE)) form.elements[name].value = graded ? "any" : value;
    load();
  });
  for (const name of Object.keys(GRADE)) form.elements[name].addEventListener("change", show);
  return show;
}

// Autocomplete for the inputs marked data-suggest="actors" or "codes": a <datalist> filled from
// GET /suggest/... as the user types (each option: the code, with its name as its label).
function wireSuggestions(form) {
  for (const input of form.querySelectorAll("input[data-suggest]")) {
    const list = el("datalist", { id: `suggest-${input.name}` });
    input.after(list);
    input.setAttribute("list", list.id);
    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const typed = input.value.trim();
      if (!typed || typed.length > 40) return;
      timer = setTimeout(async () => {
        try {
          const found = await api(`/suggest/${input.dataset.suggest}`, { typed });
          clear(list);
          for (const item of found) {
            const events = item.events === undefined ? "" : ` · ${count(item.events)} events`;
            list.appendChild(el("option", { value: item.code, label: `${item.name || item.code}${events}` }));
          }
        } catch {
          clear(list); // a suggestion that fails is no suggestion: the filter still works
        }
      }, 200);
    });
  }
}

/** Start a page drawn from a filter form: its fields from the URL, redrawn on submit, the
 * QuadClass legend into `legend` where the page has one, the dataset-grade switch, the
 * autocomplete, and a first draw now. `load` is called with the API's parameters. */
export function startFilteredPage(form, load, legend = null) {
  let showGrade = () => {};
  const draw = () => {
    showGrade();
    return load(apiParams(formToQuery(form)));
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    draw();
  });
  if (legend) quadLegend(legend);
  formFromQuery(form);
  // a place's country (set by a map's link) goes with the place's name
  form.elements.place.addEventListener("input", () => {
    form.elements.place_country.value = "";
  });
  showGrade = wireGradeSwitch(form, draw);
  wireSuggestions(form);
  return draw();
}
