// The map: country outlines (GET /countries, GeoJSON) in an equirectangular projection, and
// where events happened (GET /map): a place as a circle whose area is its events, an event
// located only to a country as that country shaded; each opens its events. A legend gives the
// circles' sizes; a note says how precise the places are.

import { api, clear, count, eventsHref, formToQuery, QUAD_CLASSES, setStatus, startFilteredPage, svg, tooltip } from "./common.js";

const form = document.getElementById("map-form");
const chart = document.getElementById("map");
const total = document.getElementById("total");
const [WIDTH, HEIGHT] = [1000, 500];
const LABELLED = 8; // the busiest places are named on the map
const MOST_RADIUS = 16;

let countries = null; // the GeoJSON, fetched once

// Longitude/latitude -> SVG x/y (equirectangular: degrees map linearly to pixels).
function project(lon, lat) {
  return [((lon + 180) / 360) * WIDTH, ((90 - lat) / 180) * HEIGHT];
}

// SVG path data for a GeoJSON Polygon or MultiPolygon geometry.
function pathData(geometry) {
  if (!geometry) return "";
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  const parts = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const points = ring.map(([lon, lat]) => project(lon, lat).map((v) => v.toFixed(1)).join(","));
      if (points.length) parts.push(`M${points.join("L")}Z`);
    }
  }
  return parts.join("");
}

const countryName = (feature) => (feature.properties && (feature.properties.name || feature.properties.NAME)) || feature.id || "";

// The country outlines, one path.country per feature, by ISO alpha-3 code.
function drawCountries(layer) {
  const drawn = new Map();
  for (const feature of (countries && countries.features) || []) {
    const path = svg("path", { class: "country", d: pathData(feature.geometry), "data-id": feature.id }, tooltip(countryName(feature)));
    layer.appendChild(path);
    drawn.set(feature.id, path);
  }
  return drawn;
}

// The circle's radius for a count: its area is proportional to the events.
const radius = (events, most) => 2 + (MOST_RADIUS - 2) * Math.sqrt((Number(events) || 1) / most);

// The events page's link for a place.
function placeHref(filters, row) {
  return eventsHref({ ...filters, place: row.location_name, place_country: row.country || undefined });
}

// Country-level places shaded as their country (darker for more events); returns those drawn.
function shadeCountries(layer, drawn, rows, filters) {
  const level = rows.filter((row) => row.kind === "country" && drawn.has(row.country));
  const most = Math.max(1, ...level.map((row) => Number(row.events) || 1));
  for (const row of level) {
    const quad = QUAD_CLASSES[row.quad_class];
    const shape = svg(
      "path",
      { class: "country-events", d: drawn.get(row.country).getAttribute("d"), fill: quad ? quad.colour : "#1f5f99", "fill-opacity": (0.15 + 0.45 * Math.sqrt((Number(row.events) || 1) / most)).toFixed(2), "data-events": row.events },
      tooltip(`${row.location_name}, the country as a whole: ${count(row.events)} events${quad ? ` · mostly ${quad.name.toLowerCase()}` : ""} (click for them)`),
    );
    layer.appendChild(svg("a", { href: placeHref(filters, row), class: "place-link" }, shape));
  }
  return level;
}

// One circle.event-point per place finer than a country, area proportional to its events,
// coloured by its commonest QuadClass; the busiest named.
function drawPoints(layer, rows, filters, most) {
  const points = rows.filter((row) => typeof row.lat === "number" && typeof row.lon === "number");
  points.sort((a, b) => (b.events || 0) - (a.events || 0)); // small circles drawn on top of big ones
  for (const row of points) {
    const [x, y] = project(row.lon, row.lat);
    const quad = QUAD_CLASSES[row.quad_class];
    const circle = svg(
      "circle",
      { class: "event-point", cx: x.toFixed(1), cy: y.toFixed(1), r: radius(row.events, most).toFixed(1), fill: quad ? quad.colour : "#1f5f99", "data-events": row.events },
      tooltip(`${row.location_name || "?"}${row.country ? ` (${row.country})` : ""}${row.kind ? `, a ${row.kind}` : ""}: ${count(row.events)} events${quad ? ` · mostly ${quad.name.toLowerCase()}` : ""} (click for them)`),
    );
    layer.appendChild(svg("a", { href: placeHref(filters, row), class: "place-link" }, circle));
  }
  for (const row of points.slice(0, LABELLED)) {
    const [x, y] = project(row.lon, row.lat);
    layer.appendChild(svg("text", { class: "place-label", x: (x + radius(row.events, most) + 2).toFixed(1), y: (y + 4).toFixed(1) }, row.location_name || ""));
  }
  return points;
}

// The circles' size legend, bottom left: the most events a place has, and smaller steps.
function drawSizeLegend(layer, most) {
  const steps = [most, Math.max(1, Math.round(most / 4)), 1].filter((v, i, all) => all.indexOf(v) === i);
  const group = svg("g", { class: "size-legend" });
  group.appendChild(svg("rect", { x: 8, y: HEIGHT - 30 - steps.length * 30, width: 130, height: 22 + steps.length * 30, rx: 4, fill: "#fff", "fill-opacity": 0.85 }));
  group.appendChild(svg("text", { x: 16, y: HEIGHT - 16 - steps.length * 30 }, "events at a place"));
  steps.forEach((value, i) => {
    const cy = HEIGHT - 22 - (steps.length - 1 - i) * 30;
    group.appendChild(svg("circle", { cx: 34, cy: cy - 6, r: radius(value, most).toFixed(1), fill: "none", stroke: "#5b6670" }));
    group.appendChild(svg("text", { x: 58, y: cy - 2 }, count(value)));
  });
  layer.appendChild(group);
}

// Fetch the outlines (once) and the places for the form's filters, then draw both.
async function load(params) {
  setStatus("Loading…");
  const [outlines, places] = await Promise.allSettled([countries ? Promise.resolve(countries) : api("/countries"), api("/map", params)]);
  if (outlines.status === "fulfilled") countries = outlines.value;
  clear(chart);
  chart.appendChild(svg("rect", { x: 0, y: 0, width: WIDTH, height: HEIGHT, fill: "#eaf2f8" }));
  const [countryLayer, shadeLayer, pointLayer] = [svg("g", { class: "countries" }), svg("g", { class: "shades" }), svg("g", { class: "points" })];
  chart.append(countryLayer, shadeLayer, pointLayer);
  const drawn = drawCountries(countryLayer);
  if (places.status === "rejected") {
    total.textContent = "";
    setStatus(`Could not load the places: ${places.reason.message}`, true);
    return;
  }
  const filters = formToQuery(form);
  const rows = places.value.rows || [];
  const shaded = shadeCountries(shadeLayer, drawn, rows, filters);
  const finer = rows.filter((row) => !shaded.includes(row) && row.kind !== "continent");
  const most = Math.max(1, ...finer.map((row) => Number(row.events) || 1));
  const points = drawPoints(pointLayer, finer, filters, most);
  if (points.length) drawSizeLegend(pointLayer, most);
  const eventsOf = (list) => list.reduce((sum, row) => sum + (Number(row.events) || 0), 0);
  total.dataset.total = String(places.value.total);
  const cut = places.value.in_all > rows.length ? ` (the ${count(rows.length)} with most events, of ${count(places.value.in_all)})` : "";
  total.textContent = `${count(places.value.total)} events at ${count(rows.length)} places${cut}`;
  const continents = rows.filter((row) => row.kind === "continent");
  const unknown = points.filter((row) => !row.kind).length;
  document.getElementById("precision").textContent = [
    `${count(eventsOf(points))} events are drawn at a city, district or region${unknown ? ` (or a place of unknown kind: ${unknown} places stored before storyline kept the kind)` : ""}`,
    shaded.length ? `${count(eventsOf(shaded))} events located only to a country shade that country` : "",
    continents.length ? `${count(eventsOf(continents))} events located only to a continent are not drawn` : "",
    "events with no place are not counted",
  ].filter(Boolean).join("; ") + ".";
  const note = outlines.status === "rejected" ? `No country outlines: ${outlines.reason.message}` : "";
  setStatus(rows.length ? note : places.value.note || "No events with a place for these filters.");
}

startFilteredPage(form, load, document.getElementById("legend"));
