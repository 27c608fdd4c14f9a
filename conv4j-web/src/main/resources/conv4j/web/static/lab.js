// The digit lab: draw on the pad, and after each stroke the server's model answers with its top classes and what
// every layer computed (POST /api/predict?layers=true with the drawing as a PNG).
import { api, el } from './common.js';
import { barsCanvas, mapCanvas } from './maps.js';

const pad = document.getElementById('pad');
const ctx = pad.getContext('2d');
const status = document.getElementById('status');
const modelSelect = document.getElementById('model');
const PEN = 18;

let ready = false;
let drawing = null;
let sent = 0;
let shown = 0;

function clear() {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, pad.width, pad.height);
  document.getElementById('answer').textContent = '?';
  document.getElementById('top').replaceChildren();
  document.getElementById('input').replaceChildren();
  document.getElementById('layers').replaceChildren();
  pad.dataset.strokes = '0';
}

function point(event) {
  const box = pad.getBoundingClientRect();
  return [(event.clientX - box.left) * pad.width / box.width, (event.clientY - box.top) * pad.height / box.height];
}

// Pointer events cover the mouse, pens and fingers alike.
pad.addEventListener('pointerdown', (event) => {
  event.preventDefault();
  pad.setPointerCapture(event.pointerId);
  drawing = point(event);
  ctx.strokeStyle = '#000';
  ctx.fillStyle = '#000';
  ctx.lineWidth = PEN;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  ctx.arc(drawing[0], drawing[1], PEN / 2, 0, 2 * Math.PI);
  ctx.fill();
});
pad.addEventListener('pointermove', (event) => {
  if (!drawing) {
    return;
  }
  const [x, y] = point(event);
  ctx.beginPath();
  ctx.moveTo(drawing[0], drawing[1]);
  ctx.lineTo(x, y);
  ctx.stroke();
  drawing = [x, y];
});
function endStroke() {
  if (!drawing) {
    return;
  }
  drawing = null;
  pad.dataset.strokes = String(Number(pad.dataset.strokes || 0) + 1);
  predict();
}
pad.addEventListener('pointerup', endStroke);
pad.addEventListener('pointercancel', endStroke);
document.getElementById('clear').addEventListener('click', clear);

function predict() {
  if (!ready) {
    status.textContent = 'The model is not ready yet; the answer comes once it is.';
    return;
  }
  const number = ++sent;
  pad.toBlob(async (png) => {
    try {
      const model = encodeURIComponent(modelSelect.value);
      const answer = await api(`/api/predict?layers=true&top=3&model=${model}`,
        { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: png });
      if (number > shown) {
        shown = number;
        show(answer);
        status.textContent = `Answered by ${answer.model}.`;
        status.classList.remove('error');
      }
    } catch (error) {
      if (number > shown) {
        shown = number;
        status.textContent = error.message;
        status.classList.add('error');
      }
    }
  }, 'image/png');
}

function show(answer) {
  document.getElementById('answer').textContent = answer.top[0].label;
  document.getElementById('top').replaceChildren(...answer.top.map((c) => el('li', {},
    el('span', { class: 'label' }, c.label),
    el('span', { class: 'bar', style: `width: ${Math.max(1, Math.round(160 * c.probability))}px` }),
    el('span', { class: 'p' }, `${(100 * c.probability).toFixed(1)}%`))));
  const input = answer.input;
  document.getElementById('input').replaceChildren(mapCanvas(input.values, 0, input.shape[1], input.shape[2], 4));
  document.getElementById('layers').replaceChildren(...answer.layers.map(panel));
}

function panel(layer) {
  const [channels, height = 1, width = 1] = layer.shape;
  const role = layer.lectureName ? `${layer.lectureName}: ` : '';
  const title = el('h3', {}, `${role}${layer.name} `,
    el('small', {}, `${layer.description} -> ${layer.shape.join(' x ')}`
      + (layer.kept < channels ? `, the first ${layer.kept} maps` : '')));
  const box = el('div', { class: 'layer', 'data-name': layer.name });
  if (height === 1 && width === 1) {
    box.append(title, barsCanvas(Array.from(layer.values), channels > 40 ? 4 : 12));
    box.dataset.kind = 'dense';
    return box;
  }
  const scale = Math.max(2, Math.floor(56 / height));
  const maps = el('div', { class: 'maps' });
  for (let m = 0; m < layer.kept; m++) {
    maps.append(mapCanvas(layer.values, m * height * width, height, width, scale));
  }
  box.dataset.kind = 'maps';
  box.append(title, maps);
  return box;
}

async function loadModels() {
  const listing = await api('/api/models');
  const chosen = modelSelect.value || listing.defaultModel;
  modelSelect.replaceChildren(...listing.models.map((m) => el('option', { value: m.name }, m.name)));
  if (chosen) {
    modelSelect.value = chosen;
  }
}

// The lab's model may still be training (a fresh clone): show its progress until it is ready.
async function waitForModel() {
  const preparing = document.getElementById('preparing');
  for (;;) {
    let lab;
    try {
      lab = await api('/api/lab');
    } catch (error) {
      status.textContent = error.message;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      continue;
    }
    if (lab.state === 'READY') {
      preparing.hidden = true;
      await loadModels();
      ready = true;
      document.body.dataset.ready = 'true';
      if (Number(pad.dataset.strokes) > 0) {
        predict();
      }
      return;
    }
    preparing.hidden = false;
    document.getElementById('lab-message').textContent = lab.message;
    document.getElementById('lab-progress').value = lab.progress;
    if (lab.state === 'FAILED') {
      document.getElementById('lab-message').classList.add('error');
      document.getElementById('lab-progress').hidden = true;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

// A run of the training dashboard adds a model: the list is read again whenever it is opened.
modelSelect.addEventListener('focus', () => {
  if (ready) {
    loadModels().catch(() => {});
  }
});
modelSelect.addEventListener('change', () => {
  if (Number(pad.dataset.strokes) > 0) {
    predict();
  }
});
clear();
waitForModel();
