// The kernel playground: a bundled photo or an upload, a named kernel or a 3 x 3 grid of weights, and the result
// of POST /api/filter shown as soon as anything changes.
import { api, el } from './common.js';

const sampleSelect = document.getElementById('sample');
const kernelSelect = document.getElementById('kernel');
const border = document.getElementById('border');
const grid = document.getElementById('grid');
const original = document.getElementById('original');
const result = document.getElementById('result');
const status = document.getElementById('status');
const CUSTOM = 'custom';
const LONGEST_UPLOAD = 640;

let kernels = [];
let upload = null;       // a PNG of the user's photo, reduced to at most 640 pixels a side
let requested = 0;
let shown = 0;

const cells = [];
for (let i = 0; i < 9; i++) {
  const cell = el('input', { type: 'number', step: 'any', 'aria-label': `weight ${Math.floor(i / 3) + 1},${i % 3 + 1}` });
  cell.addEventListener('input', () => {
    kernelSelect.value = CUSTOM;
    document.getElementById('description').textContent = 'your own kernel';
    refresh();
  });
  cells.push(cell);
  grid.append(cell);
}

function showKernel(name) {
  const k = kernels.find((x) => x.name === name);
  if (!k) {
    return;
  }
  document.getElementById('description').textContent = k.description;
  const fits = k.rows.length === 3 && k.rows[0].length === 3;
  cells.forEach((cell, i) => {
    cell.value = fits ? Number(k.rows[Math.floor(i / 3)][i % 3].toPrecision(4)) : '';
  });
}

function rows() {
  return [0, 1, 2].map((r) => [0, 1, 2].map((c) => Number(cells[3 * r + c].value || 0)));
}

async function refresh() {
  const number = ++requested;
  const custom = kernelSelect.value === CUSTOM;
  // What this request asks for, kept with it: the grid may change before the answer comes.
  const kernel = custom ? JSON.stringify(rows()) : kernelSelect.value;
  let request;
  if (upload) {
    const form = new FormData();
    form.append('image', upload, 'upload.png');
    form.append(custom ? 'rows' : 'kernel', custom ? rows().map((r) => r.join(',')).join(';') : kernelSelect.value);
    form.append('border', border.value);
    request = { method: 'POST', body: form };
  } else {
    const body = { sample: sampleSelect.value, border: border.value };
    if (custom) {
      body.rows = rows();
    } else {
      body.kernel = kernelSelect.value;
    }
    request = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  }
  try {
    const answer = await api('/api/filter', request);
    if (number < shown) {
      return;
    }
    shown = number;
    const old = result.src;
    result.src = URL.createObjectURL(answer.blob);
    result.dataset.kernel = kernel;
    result.dataset.version = String(number);
    if (old.startsWith('blob:')) {
      URL.revokeObjectURL(old);
    }
    status.textContent = answer.headers.get('Conv4j-Geometry') || '';
    status.classList.remove('error');
  } catch (error) {
    shown = number;
    status.textContent = error.message;
    status.classList.add('error');
  }
}

// An upload is shrunk in the browser: the server's limits are for whole photos, the playground needs no more.
async function readUpload(file) {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, LONGEST_UPLOAD / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

sampleSelect.addEventListener('change', () => {
  upload = null;
  document.getElementById('upload').value = '';
  original.src = `/api/samples/${sampleSelect.value}`;
  refresh();
});
document.getElementById('upload').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  if (!file) {
    return;
  }
  try {
    upload = await readUpload(file);
    original.src = URL.createObjectURL(upload);
    refresh();
  } catch (error) {
    status.textContent = `${file.name}: cannot be read as a picture (${error.message})`;
    status.classList.add('error');
  }
});
kernelSelect.addEventListener('change', () => {
  showKernel(kernelSelect.value);
  refresh();
});
border.addEventListener('change', refresh);

async function start() {
  const [samples, named] = await Promise.all([api('/api/samples'), api('/api/kernels')]);
  kernels = named;
  sampleSelect.replaceChildren(...samples.samples.map((s) => el('option', { value: s }, s)));
  kernelSelect.replaceChildren(...kernels.map((k) => el('option', { value: k.name }, k.name)),
    el('option', { value: CUSTOM }, 'your own (the grid)'));
  kernelSelect.value = 'identity';
  showKernel('identity');
  original.src = `/api/samples/${sampleSelect.value}`;
  await refresh();
  document.body.dataset.ready = 'true';
}
start().catch((error) => {
  status.textContent = error.message;
  status.classList.add('error');
});
