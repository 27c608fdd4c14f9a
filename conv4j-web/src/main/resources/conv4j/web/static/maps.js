// Draws what a network computed: feature maps as grey pictures, dense activations as bars, filters as tiles.

/**
 * One H x W map, values[offset ..], each map scaled to its own minimum (black) and maximum (white): the maps of one
 * layer differ in range by orders of magnitude. Enlarged by `scale`, each value a sharp square.
 */
export function mapCanvas(values, offset, height, width, scale) {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < height * width; i++) {
    const v = values[offset + i];
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.className = 'map';
  canvas.style.width = `${width * scale}px`;
  canvas.style.height = `${height * scale}px`;
  canvas.title = `${low.toFixed(3)} .. ${high.toFixed(3)}`;
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(width, height);
  const range = high - low;
  for (let i = 0; i < height * width; i++) {
    const g = range > 0 ? Math.round(255 * (values[offset + i] - low) / range) : (high > 0 ? 255 : 0);
    image.data[4 * i] = g;
    image.data[4 * i + 1] = g;
    image.data[4 * i + 2] = g;
    image.data[4 * i + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

/** A row of bars, one per value: up for positive (blue), down for negative (red), on a scale shared by the row. */
export function barsCanvas(values, barWidth = 4, height = 60) {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, values.length * barWidth);
  canvas.height = height;
  canvas.className = 'dense';
  const ctx = canvas.getContext('2d');
  const size = Math.max(1e-9, ...values.map(Math.abs));
  const middle = height / 2;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, height);
  ctx.fillStyle = '#d8dce5';
  ctx.fillRect(0, middle, canvas.width, 1);
  values.forEach((v, i) => {
    const h = (Math.abs(v) / size) * (middle - 1);
    ctx.fillStyle = v >= 0 ? '#2f6fd6' : '#b3261e';
    ctx.fillRect(i * barWidth, v >= 0 ? middle - h : middle + 1, barWidth - 1, h);
  });
  canvas.title = `${values.length} values, largest size ${size.toFixed(3)}`;
  return canvas;
}

/**
 * The filters of a convolution (K x C x kH x kW) as tiles on one scale symmetric about zero: mid grey is 0, white the
 * largest weight, black the same size negative. Over three input channels each filter is one colour tile; over
 * others, one grey tile per input channel, a row per filter. The canvas holds a pixel per weight and a pixel between
 * tiles, enlarged on the page with sharp edges so that a tile is at least `tileWidth` pixels wide: LeNet-5's 5 x 5
 * filters would be specks at their own size.
 */
export function drawFilters(canvas, shape, values, tileWidth = 40) {
  const [k, c, kh, kw] = shape;
  const colour = c === 3;
  const perRow = colour || c === 1 ? Math.min(k, 16) : c;
  const rows = colour || c === 1 ? Math.ceil(k / perRow) : k;
  const gap = 1;
  canvas.width = perRow * (kw + gap) + gap;
  canvas.height = rows * (kh + gap) + gap;
  canvas.style.width = `${canvas.width * Math.ceil(tileWidth / kw)}px`;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const size = Math.max(1e-9, ...values.map(Math.abs));
  const level = (v) => Math.max(0, Math.min(255, Math.round(127.5 + 127.5 * v / size)));
  const plane = kh * kw;
  const draw = (slot, row, pixel) => {
    const x0 = gap + slot * (kw + gap);
    const y0 = gap + row * (kh + gap);
    for (let y = 0; y < kh; y++) {
      for (let x = 0; x < kw; x++) {
        ctx.fillStyle = pixel(y * kw + x);
        ctx.fillRect(x0 + x, y0 + y, 1, 1);
      }
    }
  };
  for (let f = 0; f < k; f++) {
    const base = f * c * plane;
    if (colour) {
      draw(f % perRow, Math.floor(f / perRow), (i) => `rgb(${level(values[base + i])},`
        + `${level(values[base + plane + i])},${level(values[base + 2 * plane + i])})`);
    } else if (c === 1) {
      draw(f % perRow, Math.floor(f / perRow), (i) => {
        const g = level(values[base + i]);
        return `rgb(${g},${g},${g})`;
      });
    } else {
      for (let ch = 0; ch < c; ch++) {
        draw(ch, f, (i) => {
          const g = level(values[base + ch * plane + i]);
          return `rgb(${g},${g},${g})`;
        });
      }
    }
  }
  canvas.title = `${k} filters of ${c} x ${kh} x ${kw}; mid grey = 0, white = +${size.toFixed(3)}, black = -${size.toFixed(3)}`;
}
