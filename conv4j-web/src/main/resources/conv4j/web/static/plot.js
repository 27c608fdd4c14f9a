// A small line chart on a canvas: several named series of (x, y) points, axes with a few ticks, a legend.

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
    const right = 12;
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
      ctx.fillStyle = '#5d6475';
      ctx.fillText('no points yet', left, top + 20);
      return;
    }
    const xMax = Math.max(1, ...all.map((p) => p[0]));
    let yLow = this.yMin ?? Math.min(...all.map((p) => p[1]));
    let yHigh = this.yMax ?? Math.max(...all.map((p) => p[1]));
    if (yHigh - yLow < 1e-9) {
      yHigh = yLow + 1;
    }
    const x = (v) => left + (w - left - right) * v / xMax;
    const y = (v) => top + (h - top - bottom) * (1 - (v - yLow) / (yHigh - yLow));
    ctx.strokeStyle = '#d8dce5';
    ctx.fillStyle = '#5d6475';
    ctx.font = '11px system-ui, sans-serif';
    for (let i = 0; i <= 4; i++) {
      const v = yLow + (yHigh - yLow) * i / 4;
      ctx.beginPath();
      ctx.moveTo(left, y(v));
      ctx.lineTo(w - right, y(v));
      ctx.stroke();
      ctx.fillText(Number(v.toPrecision(3)).toString(), 4, y(v) + 4);
    }
    ctx.fillText(`${this.xLabel} (0 .. ${xMax})`, left, h - 8);
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
