// Renders one document (the JSON of GET /articles/{id} or POST /documents): the text with its
// entities, quotes and event evidence highlighted, the captions apart, and the list of events.
// Used by the article page and the paste page.
//
// All text from the document is inserted as text nodes; offsets are indices into the string.

import { QUAD_CLASSES, actorLabel, clear, el, safeUrl } from "./common.js";

// Render `doc` into the page's #article-text, #captions, #event-list (and #article-meta,
// #quote-info where the page has them).
export function renderDocument(doc) {
  const entities = new Map((doc.entities || []).map((entity) => [entity.id, entity]));
  const events = doc.events || [];
  const text = doc.text || "";

  renderMeta(doc.article || {});
  const textBox = document.getElementById("article-text");
  clear(textBox);
  textBox.appendChild(highlight(text, textRanges(doc, entities)));

  renderCaptions(doc.captions || [], events);
  renderEventList(events, entities, text, doc.captions || []);
  wireEventFilter(events.length);
  wireQuoteInfo(textBox);
  selectEvent(decodeURIComponent(window.location.hash.slice(1)));
}

// The highlighted ranges over the main text: entity mentions, quotes, and the evidence of
// events that are not in a caption.
function textRanges(doc, entities) {
  const ranges = [];
  for (const entity of doc.entities || []) {
    const code = entity.actor && entity.actor.code ? ` · actor ${entity.actor.code}` : "";
    const title = `${entity.name} (${entity.type})${code}`;
    for (const mention of entity.mentions || []) {
      ranges.push({ start: mention.start, end: mention.end, cls: "entity", title });
    }
  }
  for (const quote of doc.quotes || []) {
    const speaker = entities.get(quote.speaker);
    const who = quote.speaker_name || (speaker ? speaker.name : "unknown speaker");
    // a belief or a perception the text reports is shown apart: it is not who said what
    const act = quote.act || "speech";
    const what = act === "speech" ? "Quote" : act === "belief" ? "Belief" : "Perception";
    const cls = act === "speech" ? "quote" : "quote held";
    ranges.push({ start: quote.start, end: quote.end, cls, title: `${what} (${quote.kind || "quote"}) — ${act === "speech" ? "speaker" : "whose"}: ${who}`, quote: quote.id, info: quoteInfo(quote, who) });
  }
  for (const event of doc.events || []) {
    if (isInCaption(event) || !event.evidence) continue;
    ranges.push({ start: event.evidence.start, end: event.evidence.end, cls: "event-evidence", event: event.id });
  }
  return ranges;
}

function isInCaption(event) {
  return event.caption !== undefined && event.caption !== null;
}

// The line the quote info box shows for one quote.
function quoteInfo(quote, who) {
  const cue = quote.cue && quote.cue.text ? ` (cue: “${quote.cue.text}”)` : "";
  const act = quote.act && quote.act !== "speech" ? `, ${quote.act}` : "";
  return `${who}${cue}, ${quote.kind || "quote"}${act}`;
}

// Split `text` at every range boundary and give each piece the classes (and titles, quote and
// event ids) of all the ranges covering it: overlapping and nested ranges both come out right.
// Returns a DocumentFragment of text nodes and spans.
export function highlight(text, ranges) {
  const valid = ranges
    .map((r) => ({ ...r, start: Math.max(0, r.start | 0), end: Math.min(text.length, r.end | 0) }))
    .filter((r) => r.end > r.start);
  const cuts = new Set([0, text.length]);
  for (const r of valid) {
    cuts.add(r.start);
    cuts.add(r.end);
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const [start, end] = [bounds[i], bounds[i + 1]];
    const piece = text.slice(start, end);
    const covering = valid.filter((r) => r.start <= start && r.end >= end);
    if (covering.length === 0) {
      fragment.appendChild(document.createTextNode(piece));
      continue;
    }
    const span = document.createElement("span");
    span.className = [...new Set(covering.map((r) => r.cls))].join(" ");
    const titles = [...new Set(covering.map((r) => r.title).filter(Boolean))];
    if (titles.length) span.setAttribute("title", titles.join("\n"));
    const quotes = covering.filter((r) => r.quote);
    if (quotes.length) span.dataset.quoteInfo = quotes.map((r) => r.info).join("\n");
    const eventIds = covering.filter((r) => r.event).map((r) => r.event);
    if (eventIds.length) span.dataset.events = eventIds.join(" ");
    span.appendChild(document.createTextNode(piece));
    fragment.appendChild(span);
  }
  return fragment;
}

// Title, date, source and link of the article, into #article-meta.
function renderMeta(article) {
  const meta = document.getElementById("article-meta");
  if (!meta) return;
  clear(meta);
  meta.appendChild(el("h2", {}, article.title || "(untitled)"));
  const facts = [article.published, article.source].filter(Boolean).join(" · ");
  const line = el("p", { class: "meta" }, facts || "no date or source");
  const url = safeUrl(article.url);
  if (url) line.append(" · ", el("a", { href: url, rel: "noopener noreferrer nofollow" }, "original"));
  if (article.id) line.append(" · ", el("span", { class: "code" }, article.id));
  meta.appendChild(line);
}

// The captions, apart from the text, each with the evidence of its own events highlighted.
function renderCaptions(captions, events) {
  const box = document.getElementById("captions");
  if (!box) return;
  clear(box);
  box.hidden = captions.length === 0;
  if (captions.length) box.appendChild(el("h3", {}, "Captions"));
  captions.forEach((caption, index) => {
    const ranges = events
      .filter((event) => event.caption === index && event.evidence)
      .map((event) => ({ start: event.evidence.start, end: event.evidence.end, cls: "event-evidence", event: event.id }));
    const figure = el("figure", { class: "caption" });
    figure.appendChild(highlight(caption.text || "", ranges));
    if (caption.credit) figure.appendChild(el("div", { class: "credit" }, caption.credit));
    box.appendChild(figure);
  });
}

// One li.event per event: who did what to whom, code and name, modality, date, place, and the
// sentence that says so. Clicking one highlights its evidence.
function renderEventList(events, entities, text, captions) {
  const list = document.getElementById("event-list");
  clear(list);
  if (events.length === 0) list.appendChild(el("li", { class: "muted" }, "No events in this article."));
  for (const event of events) {
    const source = actorLabel(event.source_name, event.source_actor && event.source_actor.code);
    const target = actorLabel(event.target_name, event.target_actor && event.target_actor.code);
    const place = entities.get(event.location);
    const quad = QUAD_CLASSES[event.quad_class];
    const facts = [
      event.modality,
      event.date && event.date.value ? `date ${event.date.value}` : null,
      place ? `at ${place.name}` : null,
      quad ? quad.name : null,
      typeof event.confidence === "number" ? `confidence ${event.confidence}` : null,
    ].filter(Boolean);
    const source_text = isInCaption(event) ? (captions[event.caption] || {}).text || "" : text;
    const evidence = event.evidence ? source_text.slice(event.evidence.start, event.evidence.end) : "";
    const item = el(
      "li",
      { class: "event", "data-event": event.id, tabindex: "0" },
      el("div", { class: "who" }, `${source} → ${target}`),
      el("div", {}, el("span", { class: "code" }, event.cameo || ""), " ", event.cameo_name || ""),
      el("div", { class: "facts" }, facts.join(" · ")),
      evidence ? el("blockquote", {}, evidence) : null,
    );
    item.addEventListener("click", () => selectEvent(event.id, true));
    item.addEventListener("keydown", (e) => {
      if (e.key === "Enter") selectEvent(event.id, true);
    });
    list.appendChild(item);
  }
}

// The events list's filter (#event-filter, where the page has one): only the events whose item
// holds every word typed stay shown; #event-count says how many.
function wireEventFilter(count) {
  const input = document.getElementById("event-filter");
  const counter = document.getElementById("event-count");
  const show = () => {
    const words = (input ? input.value : "").toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const item of document.querySelectorAll("#event-list li.event")) {
      const text = item.textContent.toLowerCase();
      item.hidden = !words.every((word) => text.includes(word));
      if (!item.hidden) shown += 1;
    }
    if (counter) counter.textContent = words.length ? `(${shown} of ${count})` : `(${count})`;
  };
  if (input && !input.dataset.wired) {
    input.dataset.wired = "true";
    input.addEventListener("input", show);
  }
  show();
}

// Highlight the evidence of event `id` (and its list item) and scroll the evidence into view.
export function selectEvent(id, updateHash = false) {
  if (!id) return;
  for (const node of document.querySelectorAll(".event-evidence.active, li.event.active")) node.classList.remove("active");
  const spans = [...document.querySelectorAll("span.event-evidence")].filter((span) => (span.dataset.events || "").split(" ").includes(id));
  for (const span of spans) span.classList.add("active");
  const item = [...document.querySelectorAll("li.event")].find((li) => li.dataset.event === id);
  if (item) item.classList.add("active");
  if (spans.length) spans[0].scrollIntoView({ behavior: "smooth", block: "center" });
  if (updateHash) window.history.replaceState(null, "", `#${encodeURIComponent(id)}`);
}

// Hovering or clicking a quote shows its speaker in #quote-info.
function wireQuoteInfo(textBox) {
  const box = document.getElementById("quote-info");
  if (!box) return;
  box.hidden = true;
  const show = (event) => {
    const span = event.target.closest("span.quote");
    if (!span || !span.dataset.quoteInfo) return;
    box.textContent = `Speaker: ${span.dataset.quoteInfo}`;
    box.hidden = false;
  };
  textBox.onmouseover = show;
  textBox.onclick = show;
}
