// The corpus event page: one event as the corpus sees it (GET /corpus-events/{id}), told in
// words (what, who, to whom, when and how the day was set, where), and every article sentence
// that mentions it, each with its publisher and a link to its article view.

import { QUAD_CLASSES, actorLabel, api, articleHref, clear, count, el, eventsHref, idFromPath, setStatus } from "./common.js";

// The facts, in words: (label, value) pairs; an empty value shows as "—", never left out.
function facts(event) {
  const quad = QUAD_CLASSES[event.quad_class];
  const mentions = `${count(event.num_mentions)} mentions in ${count(event.num_articles)} articles from ${count(event.num_sources)} publishers`;
  return [
    ["What", `${event.cameo_name || "?"} (CAMEO ${event.cameo || "?"})`],
    ["Who", actorLabel(event.source_name, event.source_code)],
    ["To whom", actorLabel(event.target_name, event.target_code)],
    ["When", event.day ? `${event.day} (${event.date_set})` : "—"],
    ["Where", event.location_name || "—"],
    ["Modality", event.modality || "—"],
    ["QuadClass", quad ? `${event.quad_class} ${quad.name}` : "—"],
    ["Goldstein", event.goldstein ?? "—"],
    ["Confidence", event.confidence ?? "—"],
    ["Reported", mentions],
    ["First and last seen", `${event.first_seen || "?"} to ${event.last_seen || "?"}`],
    ["Why one event", event.link_reason || "—"],
  ];
}

function drawEvent(event) {
  document.getElementById("corpus-title").textContent =
    `${actorLabel(event.source_name, event.source_code)}: ${event.cameo_name || event.cameo || "event"}${event.target_name || event.target_code ? ` → ${actorLabel(event.target_name, event.target_code)}` : ""}`;
  const list = document.getElementById("corpus-event");
  clear(list);
  for (const [label, value] of facts(event)) list.append(el("dt", {}, label), el("dd", {}, String(value)));
  const code = event.source_code || event.target_code;
  if (code) list.append(el("dt", {}, "More"), el("dd", {}, el("a", { href: eventsHref({ actor: code, code: event.cameo, modality: "any", coded: "any" }) }, `every event of ${code} with this code`)));
}

// One table row per mention.
function drawMentions(mentions) {
  const body = document.querySelector("#mentions-table tbody");
  clear(body);
  for (const mention of mentions) {
    body.appendChild(
      el(
        "tr",
        {},
        el("td", { class: "code day" }, mention.published || ""),
        el("td", {}, mention.publisher || mention.source || ""),
        el("td", {}, el("a", { class: "article-link", href: articleHref(mention.article_id, mention.event_id) }, mention.title || mention.article_id)),
        el("td", { class: "sentence" }, mention.sentence || ""),
        el("td", {}, mention.date && mention.date !== "PRESENT_REF" ? mention.date : "—", el("div", { class: "muted" }, mention.date_set || "")),
      ),
    );
  }
}

// Load the corpus event named in the page's path.
async function showCorpusEvent() {
  const id = idFromPath();
  setStatus("Loading…");
  try {
    const answer = await api(`/corpus-events/${encodeURIComponent(id)}`);
    drawEvent(answer.event);
    drawMentions(answer.mentions || []);
    setStatus(`${count((answer.mentions || []).length)} mentions`);
  } catch (error) {
    setStatus(`Could not load corpus event ${id}: ${error.message}`, true);
  }
}

showCorpusEvent();
