// The article view: fetch GET /articles/{id} and render it (see document.js).

import { api, idFromPath, setStatus } from "./common.js";
import { renderDocument, selectEvent } from "./document.js";

// Load the article named in the page's path and render it.
async function showArticle() {
  const id = idFromPath();
  setStatus("Loading…");
  try {
    const doc = await api(`/articles/${encodeURIComponent(id)}`);
    renderDocument(doc);
    setStatus("");
  } catch (error) {
    setStatus(`Could not load article ${id}: ${error.message}`, true);
  }
}

window.addEventListener("hashchange", () => selectEvent(decodeURIComponent(window.location.hash.slice(1))));
showArticle();
