// The paste box: POST the pasted text to /documents and render the answer with the article
// view's code (see document.js).

import { apiPost, setStatus } from "./common.js";
import { renderDocument } from "./document.js";

const form = document.getElementById("paste-form");
const button = document.getElementById("paste-go");

// Send the pasted article and render what comes back.
async function processPasted(event) {
  event.preventDefault();
  const text = document.getElementById("paste-text").value;
  if (!text.trim()) {
    setStatus("Paste an article's text first.", true);
    return;
  }
  const published = document.getElementById("paste-date").value || null;
  const title = document.getElementById("paste-title").value || null;
  button.disabled = true;
  setStatus("Processing…");
  try {
    const doc = await apiPost("/documents", { text, published, title, store: false });
    renderDocument(doc);
    const count = (doc.events || []).length;
    setStatus(`${count} event${count === 1 ? "" : "s"} found.`);
  } catch (error) {
    setStatus(`Could not process the article: ${error.message}`, true);
  } finally {
    button.disabled = false;
  }
}

form.addEventListener("submit", processPasted);
