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

/** Start a page drawn from a filter form: its fields from the URL, redrawn on submit, the
 * QuadClass legend into `legend` where the page has one, and a first draw now. */
export function startFilteredPage(form, load, legend = null) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load();
  });
  if (legend) quadLegend(legend);
  formFromQuery(form);
  load();
}
