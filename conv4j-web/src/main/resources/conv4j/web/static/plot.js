// A small line chart on a canvas: several named series of (x, y) points, axes ticked at round numbers, a legend.
import { niceTicks, tickLabel } from './ticks.js';

export class LineChart {
  constructor(canvas, { title, xLabel, yMin = null, yMax = null }) {
    this.canvas = canvas;
    this.title = title;
    this.xLabel = xLabel;
    this.yMin = yMin;
    this.yMax = yMax;
    this.series = [];
  }

  /** A series to draw: `dots` marks each point (epoch figures); lines join the points otherwise. */
  add(name, colour, dots = false) {
    const s = { name, colour, dots, points: [] };
    this.series.push(s);
    return s;
  }

  clear() {
    this.series.forEach((s) => { s.points = []; });
    this.draw();
  }

  push(series, x, y) {
    if (Number.isFinite(x) && Number.isFinite(y)) {
      series.points.push([x, y]);
    }
  }

  draw() {
    const c = this.canvas;
    const ctx = c.getContext('2d');
    const w = c.width;
    const h = c.height;
    const left = 48;
    const right = 18;
    const top = 26;
    const bottom = 34;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = '#1d2330';
    ctx.font = '13px system-ui, sans-serif';
    ctx.fillText(this.title, left, 16);
    const all = this.series.flatMap((s) => s.points);
    c.dataset.points = String(all.length);
    if (all.length === 0) {
      delete c.dataset.xTicks;
      delete c.dataset.yTicks;
      ctx.fillStyle = '#5d6475';
      ctx.fillText('no points yet', left, top + 20);
      return;
    }
    // The axes run from tick to tick: round numbers at both ends and in between.
    const yData = all.map((p) => p[1]);
    const yTicks = niceTicks(this.yMin ?? Math.min(...yData), this.yMax ?? Math.max(...yData), 5);
    const xTicks = niceTicks(0, Math.max(1, ...all.map((p) => p[0])), 6);
    const yLow = yTicks[0];
    const yHigh = yTicks[yTicks.length - 1];
    const xHigh = xTicks[xTicks.length - 1];
    const x = (v) => left + (w - left - right) * v / xHigh;
    const y = (v) => top + (h - top - bottom) * (1 - (v - yLow) / (yHigh - yLow));
    ctx.strokeStyle = '#d8dce5';
    ctx.fillStyle = '#5d6475';
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'right';
    const yLabels = yTicks.map((v) => tickLabel(v, yTicks));
    yTicks.forEach((v, i) => {
      ctx.beginPath();
      ctx.moveTo(left, y(v));
      ctx.lineTo(w - right, y(v));
      ctx.stroke();
      ctx.fillText(yLabels[i], left - 6, y(v) + 4);
    });
    ctx.textAlign = 'center';
    const xLabels = xTicks.map((v) => tickLabel(v, xTicks));
    xTicks.forEach((v, i) => {
      ctx.beginPath();
      ctx.moveTo(x(v), top);
      ctx.lineTo(x(v), h - bottom + 4);
      ctx.stroke();
      ctx.fillText(xLabels[i], x(v), h - bottom + 16);
    });
    ctx.textAlign = 'right';
    ctx.fillText(this.xLabel, w - right, h - 3);
    ctx.textAlign = 'left';
    c.dataset.xTicks = xLabels.join(' ');
    c.dataset.yTicks = yLabels.join(' ');
    let legend = left + 150;
    for (const s of this.series) {
      ctx.strokeStyle = s.colour;
      ctx.fillStyle = s.colour;
      ctx.lineWidth = 1.5;
      if (s.dots) {
        s.points.forEach(([px, py]) => {
          ctx.beginPath();
          ctx.arc(x(px), y(py), 3.5, 0, 2 * Math.PI);
          ctx.fill();
        });
      } else {
        ctx.beginPath();
        s.points.forEach(([px, py], i) => (i === 0 ? ctx.moveTo(x(px), y(py)) : ctx.lineTo(x(px), y(py))));
        ctx.stroke();
      }
      ctx.fillRect(legend, 8, 10, 10);
      ctx.fillStyle = '#1d2330';
      ctx.fillText(s.name, legend + 14, 17);
      legend += 24 + ctx.measureText(s.name).width;
    }
    ctx.lineWidth = 1;
  }
}
