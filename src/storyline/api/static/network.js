// The actor network: actors (nodes) linked by their events (GET /network), laid out by a small
// force-directed simulation; an edge is green when most of its events are cooperation, red when
// most are conflict, and wider the more events it carries.

import { api, clear, formToQuery, setStatus, startFilteredPage, svg, tooltip } from "./common.js";

const form = document.getElementById("network-form");
const chart = document.getElementById("network");
const [WIDTH, HEIGHT] = [1000, 620];
const ITERATIONS = 300;
const GRAVITY = 0.15; // pull towards the centre: keeps separate groups of actors near each other
const COOPERATION = "#2e7d32";
const CONFLICT = "#c62828";

// Rows of {source_code, target_code, events, cooperation, conflict} -> nodes and edges.
function graphFrom(rows) {
  const nodes = new Map();
  const edges = [];
  for (const row of rows) {
    if (!row.source_code || !row.target_code) continue;
    for (const code of [row.source_code, row.target_code]) {
      if (!nodes.has(code)) nodes.set(code, { code, events: 0, x: 0, y: 0, dx: 0, dy: 0 });
      nodes.get(code).events += Number(row.events) || 0;
    }
    edges.push({ ...row, source: nodes.get(row.source_code), target: nodes.get(row.target_code) });
  }
  return { nodes: [...nodes.values()], edges };
}

// Fruchterman-Reingold: nodes repel each other, edges pull their ends together, a weak pull
// towards the centre keeps separate components on screen, and the step shrinks as it cools.
function layout(nodes, edges) {
  const [cx, cy] = [WIDTH / 2, HEIGHT / 2];
  const k = Math.sqrt((WIDTH * HEIGHT) / Math.max(1, nodes.length)) * 0.4; // ideal edge length
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
      if (edge.source === edge.target) continue;
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
  fitToView(nodes);
}

// Scale and move the laid-out nodes so they fill the drawing, leaving room for the labels.
function fitToView(nodes) {
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const [left, right, top, bottom] = [40, WIDTH - 110, 30, HEIGHT - 30];
  for (const node of nodes) {
    node.x = maxX > minX ? left + ((node.x - minX) / (maxX - minX)) * (right - left) : WIDTH / 2;
    node.y = maxY > minY ? top + ((node.y - minY) / (maxY - minY)) * (bottom - top) : HEIGHT / 2;
  }
}

// Draw the edges, then the nodes and their labels on top.
function drawGraph(nodes, edges) {
  clear(chart);
  if (nodes.length === 0) {
    chart.appendChild(svg("text", { x: WIDTH / 2, y: HEIGHT / 2, "text-anchor": "middle" }, "No actors for these filters."));
    return;
  }
  const most = Math.max(...edges.map((e) => Number(e.events) || 1));
  for (const edge of edges) {
    const cooperative = (Number(edge.cooperation) || 0) >= (Number(edge.conflict) || 0);
    chart.appendChild(
      svg(
        "line",
        {
          class: `edge ${cooperative ? "cooperation" : "conflict"}`,
          x1: edge.source.x,
          y1: edge.source.y,
          x2: edge.target.x,
          y2: edge.target.y,
          stroke: cooperative ? COOPERATION : CONFLICT,
          "stroke-width": 1 + 7 * Math.sqrt((Number(edge.events) || 1) / most),
        },
        tooltip(`${edge.source_code} → ${edge.target_code}: ${edge.events} events (${edge.cooperation} cooperation, ${edge.conflict} conflict)`),
      ),
    );
  }
  const busiest = Math.max(...nodes.map((n) => n.events || 1));
  for (const node of nodes) {
    const radius = 5 + 9 * Math.sqrt((node.events || 1) / busiest);
    const group = svg("g", { class: "actor", "data-code": node.code }, tooltip(`${node.code}: ${node.events} events`));
    group.appendChild(svg("circle", { class: "node", cx: node.x, cy: node.y, r: radius }));
    group.appendChild(svg("text", { class: "label", x: node.x + radius + 3, y: node.y + 4 }, node.code));
    chart.appendChild(group);
  }
}

// Fetch the network for the form's filters, lay it out and draw it.
async function load() {
  const params = formToQuery(form);
  setStatus("Loading…");
  try {
    const answer = await api("/network", params);
    const { nodes, edges } = graphFrom(answer.rows || []);
    layout(nodes, edges);
    drawGraph(nodes, edges);
    const pairs = (answer.rows || []).length;
    const cut = answer.total > pairs ? ` (the ${pairs} busiest of ${answer.total} pairs of actors)` : "";
    setStatus(`${nodes.length} actors, ${edges.length} links${cut}`);
  } catch (error) {
    clear(chart);
    setStatus(`Could not load the network: ${error.message}`, true);
  }
}

startFilteredPage(form, load);
