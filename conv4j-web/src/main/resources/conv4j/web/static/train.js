// The training dashboard: starts a run (POST /api/train), follows it as server-sent events (GET /api/train/events)
// and draws the running loss and accuracy per step, the epochs' training and test figures, and the first layer's
// filters as they change.
import { api, el, short } from './common.js';
import { LineChart } from './plot.js';
import { drawFilters } from './maps.js';

const $ = (id) => document.getElementById(id);
const status = $('status');
let defaults = null;
let steps = 1;

const loss = new LineChart($('loss'), { title: 'loss', xLabel: 'step' });
const lossRunning = loss.add('training (running)', '#2f6fd6');
const lossTrain = loss.add('training (epoch)', '#1d2330', true);
const lossTest = loss.add('test (epoch)', '#e07a1f', true);
const accuracy = new LineChart($('accuracy'), { title: 'accuracy', xLabel: 'step', yMin: 0, yMax: 1 });
const accRunning = accuracy.add('training (running)', '#2f6fd6');
const accTrain = accuracy.add('training (epoch)', '#1d2330', true);
const accTest = accuracy.add('test (epoch)', '#e07a1f', true);
loss.draw();
accuracy.draw();

function running(yes) {
  $('start').disabled = yes;
  $('stop').disabled = !yes;
  document.body.dataset.running = String(yes);
}

// The form shows the run on the charts: the one just started here, or, on a page opened later or in another tab,
// the run the server replays (a page freshly opened after a 1-epoch run would otherwise offer the defaults' 10).
function showSettings(e) {
  const choose = (id, value) => {
    if (Array.from($(id).options).some((o) => o.value === value)) {
      $(id).value = value;
    }
  };
  choose('model', e.model);
  choose('dataset', e.dataset);
  choose('optimizer', e.optimizer);
  $('epochs').value = e.epochs;
  $('lr').value = e.learningRate;
  $('batch').value = e.batchSize;
}

const handlers = {
  run(e) {
    loss.clear();
    accuracy.clear();
    steps = 1;
    showSettings(e);
    running(true);
    status.textContent = `run ${e.run}: ${e.model} on ${e.dataset}, ${e.epochs} epochs, ${e.optimizer} lr ${e.learningRate}`;
  },
  status(e) {
    status.textContent = `run ${e.run}: ${e.message}`;
    status.classList.toggle('error', e.state === 'FAILED');
    running(['PREPARING', 'RUNNING', 'STOPPING'].includes(e.state));
  },
  batch(e) {
    steps = Math.max(steps, e.step);
    loss.push(lossRunning, e.step, e.runningLoss);
    accuracy.push(accRunning, e.step, e.runningAccuracy);
    loss.draw();
    accuracy.draw();
    status.textContent = `epoch ${e.epoch + 1}, batch ${e.batch + 1} of ${e.batchesPerEpoch}: loss ${short(e.runningLoss)},`
      + ` accuracy ${(100 * e.runningAccuracy).toFixed(1)}%, ${Math.round(e.imagesPerSecond)} images/s`;
  },
  epoch(e) {
    loss.push(lossTrain, e.step, e.trainLoss);
    loss.push(lossTest, e.step, e.testLoss ?? NaN);
    accuracy.push(accTrain, e.step, e.trainAccuracy);
    accuracy.push(accTest, e.step, e.testAccuracy ?? NaN);
    loss.draw();
    accuracy.draw();
  },
  filters(e) {
    drawFilters($('filters'), e.shape, e.values);
    $('filters').dataset.step = String(e.step);
    $('filters-caption').textContent = `${e.layer}, ${e.shape.join(' x ')}, after step ${e.step}: mid grey is 0, `
      + 'white positive, black negative.';
  },
  end(e) {
    running(false);
    const test = e.testAccuracy == null ? '' : `, test accuracy ${(100 * e.testAccuracy).toFixed(2)}%`;
    const model = e.model ? `; the model is in the digit lab as "${e.model}"` : '';
    status.textContent = `run ${e.run} ${e.reason}: ${e.message}${test}${model}`;
    status.classList.toggle('error', e.reason === 'failed' || e.reason === 'diverged');
    document.body.dataset.ended = String(e.run);
  },
};

function listen() {
  const source = new EventSource('/api/train/events');
  for (const [name, handler] of Object.entries(handlers)) {
    source.addEventListener(name, (message) => handler(JSON.parse(message.data)));
  }
}

$('optimizer').addEventListener('change', () => {
  $('lr').value = $('optimizer').value === 'adam' ? defaults.adamLearningRate : defaults.sgdLearningRate;
});

$('form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = {
    model: $('model').value,
    dataset: $('dataset').value,
    epochs: Number($('epochs').value),
    optimizer: $('optimizer').value,
    lr: Number($('lr').value),
    batchSize: Number($('batch').value),
  };
  try {
    await api('/api/train', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  } catch (error) {
    status.textContent = error.message;
    status.classList.add('error');
  }
});

$('stop').addEventListener('click', async () => {
  try {
    await api('/api/train/stop', { method: 'POST' });
  } catch (error) {
    status.textContent = error.message;
  }
});

async function start() {
  const options = await api('/api/train/options');
  defaults = options.defaults;
  const fill = (id, values, chosen) => {
    $(id).replaceChildren(...values.map((v) => el('option', { value: v }, v)));
    if (values.includes(chosen)) {
      $(id).value = chosen;
    }
  };
  fill('model', options.models, defaults.model);
  fill('dataset', options.datasets, defaults.dataset);
  fill('optimizer', options.optimizers, defaults.optimizer);
  $('epochs').value = defaults.epochs;
  $('lr').value = defaults.sgdLearningRate;
  $('batch').value = defaults.batchSize;
  listen();
  document.body.dataset.ready = 'true';
}
start().catch((error) => {
  status.textContent = error.message;
  status.classList.add('error');
});
