// The actor network: the busiest actors (nodes) linked by their events (GET /network), each
// connected group laid out by a small force-directed simulation, the groups side by side. An arrow points from the
// source to the target, as wide as its events and coloured by their commonest QuadClass; a node
// or an arrow opens its events.

import { actorLabel, api, clear, count, eventsHref, formToQuery, QUAD_CLASSES, setStatus, startFilteredPage, svg, tooltip } from "./common.js";

const form = document.getElementById("network-form");
const chart = document.getElementById("network");
const total = document.getElementById("total");
const [WIDTH, HEIGHT] = [1000, 620];
const ITERATIONS = 300;
const GRAVITY = 0.1; // a pull towards the centre, which keeps a group compact
const LABEL_LENGTH = 22; // a longer name is cut, in full in the tooltip
const NAMED = 12; // the busiest actors are labelled with name and code, the others with their code

// Rows of {source_code, source_name, target_code, target_name, events, q1..q4} -> nodes and edges.
function graphFrom(rows) {
  const nodes = new Map();
  const edges = [];
  for (const row of rows) {
    for (const [code, name] of [[row.source_code, row.source_name], [row.target_code, row.target_name]]) {
      if (!nodes.has(code)) nodes.set(code, { code, name, events: 0, x: 0, y: 0, dx: 0, dy: 0 });
      nodes.get(code).events += Number(row.events) || 0;
    }
    const quad = [1, 2, 3, 4].reduce((best, q) => ((Number(row[`q${q}`]) || 0) > (Number(row[`q${best}`]) || 0) ? q : best), 1);
    edges.push({ ...row, quad, source: nodes.get(row.source_code), target: nodes.get(row.target_code) });
  }
  const pairs = new Set(edges.map((e) => `${e.source_code}>${e.target_code}`));
  for (const edge of edges) edge.twoWay = pairs.has(`${edge.target_code}>${edge.source_code}`);
  return { nodes: [...nodes.values()], edges };
}

// The connected groups of actors (who acts on whom, either way), the largest first.
function components(nodes, edges) {
  const group = new Map(nodes.map((node) => [node, node]));
  const find = (node) => (group.get(node) === node ? node : find(group.get(node)));
  for (const edge of edges) group.set(find(edge.source), find(edge.target));
  const found = new Map();
  for (const node of nodes) {
    const root = find(node);
    if (!found.has(root)) found.set(root, []);
    found.get(root).push(node);
  }
  return [...found.values()].sort((a, b) => b.length - a.length);
}

// Each group laid out on its own, then the groups side by side, each given a width by its size:
// a small group is neither flung to a corner nor squeezes the large one.
function layout(nodes, edges) {
  const groups = components(nodes, edges);
  const weights = groups.map((members) => Math.max(1.5, members.length));
  const sum = weights.reduce((a, b) => a + b, 0);
  let left = 0;
  groups.forEach((members, i) => {
    const width = (WIDTH * weights[i]) / sum;
    const inside = new Set(members);
    forceLayout(members, edges.filter((edge) => inside.has(edge.source)));
    fitInto(members, { left: left + 60, right: left + width - 60, top: 30, bottom: HEIGHT - 40 });
    left += width;
  });
}

// Fruchterman-Reingold: nodes repel each other, edges pull their ends together, a weak pull
// towards the centre, and the step shrinks as it cools.
function forceLayout(nodes, edges) {
  const [cx, cy] = [WIDTH / 2, HEIGHT / 2];
  const k = Math.sqrt((WIDTH * HEIGHT) / Math.max(1, nodes.length)) * 0.5; // ideal edge length
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / nodes.length;
    node.x = cx + Math.cos(angle) * WIDTH * 0.3;
    node.y = cy + Math.sin(angle) * HEIGHT * 0.3;
  });
  let temperature = WIDTH / 10;
  for (let step = 0; step < ITERATIONS; step += 1) {
    for (const node of nodes) {
      node.dx = (cx - node.x) * GRAVITY;
      node.dy = (cy - node.y) * GRAVITY;
    }
    for (let i = 0; i < nodes.length; i += 1) {
      for (let j = i + 1; j < nodes.length; j += 1) {
        const [a, b] = [nodes[i], nodes[j]];
        const [ddx, ddy] = [a.x - b.x || 0.01, a.y - b.y || 0.01];
        const distance = Math.max(1, Math.hypot(ddx, ddy));
        const force = (k * k) / distance;
        a.dx += (ddx / distance) * force;
        a.dy += (ddy / distance) * force;
        b.dx -= (ddx / distance) * force;
        b.dy -= (ddy / distance) * force;
      }
    }
    for (const edge of edges) {
      const [ddx, ddy] = [edge.source.x - edge.target.x, edge.source.y - edge.target.y];
      const distance = Math.max(1, Math.hypot(ddx, ddy));
      const force = (distance * distance) / k;
      edge.source.dx -= (ddx / distance) * force;
      edge.source.dy -= (ddy / distance) * force;
      edge.target.dx += (ddx / distance) * force;
      edge.target.dy += (ddy / distance) * force;
    }
    for (const node of nodes) {
      const length = Math.max(0.01, Math.hypot(node.dx, node.dy));
      node.x += (node.dx / length) * Math.min(length, temperature);
      node.y += (node.dy / length) * Math.min(length, temperature);
    }
    temperature *= 0.985;
  }
}

// Scale and move laid-out nodes into `box`, keeping their proportions.
function fitInto(nodes, box) {
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((box.right - box.left) / Math.max(1, maxX - minX), (box.bottom - box.top) / Math.max(1, maxY - minY));
  const [midX, midY] = [(box.left + box.right) / 2, (box.top + box.bottom) / 2];
  for (const node of nodes) {
    node.x = midX + (node.x - (minX + maxX) / 2) * scale;
    node.y = midY + (node.y - (minY + maxY) / 2) * scale;
  }
}

// One arrowhead marker per QuadClass colour.
function markers() {
  const defs = svg("defs");
  for (const [quad, { colour }] of Object.entries(QUAD_CLASSES)) {
    defs.appendChild(
      svg("marker", { id: `arrow-q${quad}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" }, svg("path", { d: "M0,0L10,5L0,10Z", fill: colour })),
    );
  }
  return defs;
}

// The path of an edge: from the edge of the source's circle to the edge of the target's, bent
// a little where the two actors act on each other (so that both arrows show).
function edgePath(edge) {
  const [sx, sy, tx, ty] = [edge.source.x, edge.source.y, edge.target.x, edge.target.y];
  const length = Math.max(1, Math.hypot(tx - sx, ty - sy));
  const [ux, uy] = [(tx - sx) / length, (ty - sy) / length];
  const [x1, y1] = [sx + ux * edge.source.radius, sy + uy * edge.source.radius];
  const [x2, y2] = [tx - ux * (edge.target.radius + 2), ty - uy * (edge.target.radius + 2)];
  const bend = edge.twoWay ? 18 : 0;
  const [mx, my] = [(x1 + x2) / 2 - uy * bend, (y1 + y2) / 2 + ux * bend];
  return `M${x1.toFixed(1)},${y1.toFixed(1)}Q${mx.toFixed(1)},${my.toFixed(1)} ${x2.toFixed(1)},${y2.toFixed(1)}`;
}

// Draw the edges, then the nodes and their labels on top; each links to its events.
function drawGraph(nodes, edges, filters) {
  clear(chart);
  if (nodes.length === 0) {
    chart.appendChild(svg("text", { x: WIDTH / 2, y: HEIGHT / 2, "text-anchor": "middle" }, "No actors for these filters."));
    return;
  }
  chart.appendChild(markers());
  const busiest = Math.max(...nodes.map((n) => n.events || 1));
  for (const node of nodes) node.radius = 5 + 11 * Math.sqrt((node.events || 1) / busiest);
  const most = Math.max(...edges.map((e) => Number(e.events) || 1));
  const others = { ...filters, actors: undefined, actor: undefined, source: undefined, target: undefined };
  for (const edge of edges) {
    const quad = QUAD_CLASSES[edge.quad];
    const line = svg(
      "path",
      { class: `edge q${edge.quad}`, d: edgePath(edge), fill: "none", stroke: quad.colour, "stroke-width": 1 + 6 * Math.sqrt((Number(edge.events) || 1) / most), "marker-end": `url(#arrow-q${edge.quad})`, "data-events": edge.events },
      tooltip(`${actorLabel(edge.source_name, edge.source_code)} → ${actorLabel(edge.target_name, edge.target_code)}: ${count(edge.events)} events, mostly ${quad.name.toLowerCase()} (click for them)`),
    );
    chart.appendChild(svg("a", { href: eventsHref({ ...others, source: edge.source_code, target: edge.target_code }), class: "edge-link" }, line));
  }
  const named = new Set([...nodes].sort((a, b) => b.events - a.events).slice(0, NAMED));
  for (const node of nodes) {
    const label = actorLabel(node.name, node.code);
    const cut = label.length > LABEL_LENGTH ? `${label.slice(0, LABEL_LENGTH - 1)}…` : label;
    const short = named.has(node) ? cut : node.code;
    const group = svg("g", { class: "actor", "data-code": node.code, "data-events": node.events }, tooltip(`${label}: ${count(node.events)} events with the actors shown (click for all its events)`));
    group.appendChild(svg("circle", { class: "node", cx: node.x, cy: node.y, r: node.radius }));
    group.appendChild(svg("text", { class: "label", x: node.x, y: node.y + node.radius + 12, "text-anchor": "middle" }, short));
    chart.appendChild(svg("a", { href: eventsHref({ ...others, actor: node.code }), class: "actor-link" }, group));
  }
}

// Fetch the network for the form's filters, lay it out and draw it.
async function load(params) {
  setStatus("Loading…");
  try {
    const answer = await api("/network", params);
    const { nodes, edges } = graphFrom(answer.rows || []);
    layout(nodes, edges);
    drawGraph(nodes, edges, formToQuery(form));
    total.dataset.total = String(answer.total);
    total.textContent = nodes.length ? `${count(nodes.length)} of ${count(answer.in_all)} actors, ${count(answer.total)} events between them` : "";
    setStatus(nodes.length ? "" : answer.note || "No two actors act on each other for these filters.");
  } catch (error) {
    clear(chart);
    total.textContent = "";
    setStatus(`Could not load the network: ${error.message}`, true);
  }
}

startFilteredPage(form, load, document.getElementById("legend"));
