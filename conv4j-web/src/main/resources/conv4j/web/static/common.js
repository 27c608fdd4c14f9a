// Helpers shared by the lab's pages: calls to the JSON API, and a small element builder.

// A lab served beyond this machine prints its address with ?token=...; every page keeps the token (for the other
// pages and tabs of the lab too) and sends it with its calls, since the server refuses work without it.
const TOKEN_KEY = 'conv4j-token';
const givenToken = new URLSearchParams(location.search).get('token');
if (givenToken) {
  localStorage.setItem(TOKEN_KEY, givenToken);
  // Off the address bar, so that a shared link or a screenshot does not carry it.
  const address = new URL(location.href);
  address.searchParams.delete('token');
  history.replaceState(null, '', address);
}

/** Calls the API; resolves to the parsed JSON (or a Blob for pictures); an error answer rejects with its message. */
export async function api(path, options = {}) {
  const token = localStorage.getItem(TOKEN_KEY);
  if (token) {
    options = { ...options, headers: { ...(options.headers || {}), 'Conv4j-Token': token } };
  }
  const response = await fetch(path, options);
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    if (type.startsWith('application/json')) {
      message = (await response.json()).error || message;
    }
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  if (type.startsWith('application/json')) {
    return response.json();
  }
  return { blob: await response.blob(), headers: response.headers };
}

/** el('div', {class: 'x'}, child, 'text', ...) */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') {
      node.className = value;
    } else if (key === 'style') {
      node.style.cssText = value; // through the CSSOM: the pages' security policy refuses style attributes
    } else if (key.startsWith('on')) {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, value);
    }
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A number for people: 3 significant digits. */
export function short(value) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '-';
  }
  return Math.abs(value) >= 1000 ? value.toFixed(0) : Number(value.toPrecision(3)).toString();
}
