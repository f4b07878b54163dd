// The corpus event page: one event as the corpus sees it (GET /corpus-events/{id}) and every
// article sentence that mentions it, each linking to its article view.

import { api, articleHref, clear, el, idFromPath, setStatus } from "./common.js";

// The corpus event's fields as a definition list.
function drawEvent(event) {
  const list = document.getElementById("corpus-event");
  clear(list);
  for (const [key, value] of Object.entries(event || {})) {
    if (value === null || value === undefined || typeof value === "object") continue;
    list.append(el("dt", {}, key.replaceAll("_", " ")), el("dd", {}, String(value)));
  }
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
        el("td", { class: "code" }, mention.published || mention.day || ""),
        el("td", {}, el("a", { class: "article-link", href: articleHref(mention.article_id, mention.event_id) }, mention.title || mention.article_id)),
        el("td", { class: "sentence" }, mention.sentence || ""),
        el("td", { class: "code" }, mention.event_id || ""),
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
    setStatus(`${(answer.mentions || []).length} mentions`);
  } catch (error) {
    setStatus(`Could not load corpus event ${id}: ${error.message}`, true);
  }
}

showCorpusEvent();
