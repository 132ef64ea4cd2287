// Search as you type: fetches the same server-rendered result rows the page shows without
// JavaScript, keeps the URL in step, and lets the keyboard drive (↑ ↓ Enter, c to copy).
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

  function setActive(index) {
    const list = rows();
    if (list.length === 0) {
      active = -1;
      input.removeAttribute('aria-activedescendant');
      return;
    }
    active = Math.max(0, Math.min(index, list.length - 1));
    list.forEach((row, i) => row.classList.toggle('active', i === active));
    input.setAttribute('aria-activedescendant', list[active].id);
    list[active].scrollIntoView({ block: 'nearest' });
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

  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive(active + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(active - 1);
    } else if (event.key === 'Enter') {
      const row = rows()[active];
      if (row?.dataset.href) {
        event.preventDefault();
        window.location.href = row.dataset.href;
      }
    }
  });

  // 'c' copies the Chinese form of the active row when focus is not in a text field.
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'c' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement) return;
    const row = rows()[active];
    const button = row?.querySelector('button.copy');
    if (button) button.click();
  });

  if (rows().length) setActive(0);
})();
