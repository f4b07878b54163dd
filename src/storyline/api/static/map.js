// The map: country outlines (GET /countries, GeoJSON) in an equirectangular projection, and
// event locations (GET /map) as circles sized by their number of events.

import { api, clear, formToQuery, QUAD_CLASSES, setStatus, startFilteredPage, svg, tooltip } from "./common.js";

const form = document.getElementById("map-form");
const chart = document.getElementById("map");
const [WIDTH, HEIGHT] = [1000, 500];

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

// The country outlines, one path.country per feature.
function drawCountries(layer) {
  for (const feature of (countries && countries.features) || []) {
    const name = (feature.properties && (feature.properties.name || feature.properties.NAME)) || feature.id || "";
    layer.appendChild(svg("path", { class: "country", d: pathData(feature.geometry), "data-id": feature.id }, tooltip(name)));
  }
}

// One circle.event-point per place, area proportional to its events, coloured by QuadClass.
function drawPoints(layer, rows) {
  const located = rows.filter((row) => typeof row.lat === "number" && typeof row.lon === "number");
  const most = Math.max(1, ...located.map((row) => Number(row.events) || 1));
  located.sort((a, b) => (b.events || 0) - (a.events || 0)); // small circles drawn on top of big ones
  for (const row of located) {
    const [x, y] = project(row.lon, row.lat);
    const quad = QUAD_CLASSES[row.quad_class];
    layer.appendChild(
      svg(
        "circle",
        { class: "event-point", cx: x.toFixed(1), cy: y.toFixed(1), r: (3 + 12 * Math.sqrt((Number(row.events) || 1) / most)).toFixed(1), fill: quad ? quad.colour : "#1f5f99" },
        tooltip(`${row.location_name || "?"}${row.country ? ` (${row.country})` : ""}: ${row.events} events${quad ? ` · mostly ${quad.name.toLowerCase()}` : ""}`),
      ),
    );
  }
  return located.length;
}

// Fetch the outlines (once) and the places for the form's filters, then draw both.
async function load() {
  const params = formToQuery(form);
  setStatus("Loading…");
  const [outlines, places] = await Promise.allSettled([countries ? Promise.resolve(countries) : api("/countries"), api("/map", params)]);
  if (outlines.status === "fulfilled") countries = outlines.value;
  clear(chart);
  chart.appendChild(svg("rect", { x: 0, y: 0, width: WIDTH, height: HEIGHT, fill: "#eaf2f8" }));
  const countryLayer = svg("g", { class: "countries" });
  const pointLayer = svg("g", { class: "points" });
  chart.append(countryLayer, pointLayer);
  drawCountries(countryLayer);
  if (places.status === "rejected") {
    setStatus(`Could not load the places: ${places.reason.message}`, true);
    return;
  }
  const rows = places.value.rows || [];
  const shown = drawPoints(pointLayer, rows);
  const cut = places.value.total > rows.length ? ` (the ${rows.length} with most events, of ${places.value.total})` : "";
  const note = outlines.status === "rejected" ? ` (no country outlines: ${outlines.reason.message})` : "";
  setStatus(`${shown} places${cut}${note}`);
}

startFilteredPage(form, load, document.getElementById("legend"));
