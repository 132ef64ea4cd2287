// Search as you type: fetches the same server-rendered result rows the page shows without
// JavaScript, keeps the URL in step, and lets the keyboard drive (↓ into the results, ↑ ↓ Enter,
// c to copy the Chinese form of the row in focus).
'use strict';
(() => {
  const form = document.getElementById('search-form');
  const input = document.getElementById('q');
  const area = document.getElementById('result-area');
  if (!form || !input || !area) return;
  let active = -1;
  let timer = 0;
  let controller = null;
  let lastQuery = null;

  const rows = () => Array.from(area.querySelectorAll('.result'));

  /** Marks row `index` as the current one; with `focus`, the keyboard moves into it. */
  function setActive(index, focus) {
    const list = rows();
    if (list.length === 0) {
      active = -1;
      return;
    }
    active = Math.max(0, Math.min(index, list.length - 1));
    list.forEach((row, i) => row.classList.toggle('active', i === active));
    if (focus) list[active].focus();
    else list[active].scrollIntoView({ block: 'nearest' });
  }

  async function refresh() {
    const params = new URLSearchParams(new FormData(form));
    for (const [k, v] of Array.from(params.entries())) if (!v) params.delete(k);
    const query = params.toString();
    if (query === lastQuery) return;
    lastQuery = query;
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const res = await fetch(`/partials/results?${query}`, { signal: controller.signal, headers: { Accept: 'text/html' } });
      if (!res.ok) return;
      area.innerHTML = await res.text();
      active = -1;
      if (rows().length) setActive(0);
      history.replaceState(null, '', query ? `/?${query}` : '/');
    } catch (err) {
      if (err.name !== 'AbortError') console.error(err);
    }
  }

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 90);
  };
  input.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    refresh();
  });
  // In the box: ↓ goes to the results, Enter opens the current one. Typing stays typing.
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive(active < 0 ? 0 : active, true);
    } else if (event.key === 'Enter') {
      const row = rows()[active];
      if (row?.dataset.href) {
        event.preventDefault();
        window.location.href = row.dataset.href;
      }
    }
  });

  // In the results: ↑ ↓ move (↑ from the first goes back to the box), Enter opens, c copies the
  // Chinese form, Esc goes back to the box. Never from a form field: c there is a letter, and in
  // the category list it picks "concept".
  area.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const row = event.target instanceof Element ? event.target.closest('.result') : null;
    if (!row || event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement || event.target instanceof HTMLTextAreaElement) return;
    const index = rows().indexOf(row);
    if (event.key === 'ArrowDown') setActive(index + 1, true);
    else if (event.key === 'ArrowUp') {
      if (index === 0) input.focus();
      else setActive(index - 1, true);
    } else if (event.key === 'Escape') input.focus();
    else if (event.key === 'Enter' && event.target === row && row.dataset.href) window.location.href = row.dataset.href;
    else if (event.key === 'c' && !event.shiftKey) row.querySelector('button.copy')?.click();
    else return;
    event.preventDefault();
  });
  area.addEventListener('focusin', (event) => {
    const row = event.target instanceof Element ? event.target.closest('.result') : null;
    if (row) setActive(rows().indexOf(row), false);
  });

  if (rows().length) setActive(0);
})();
