// Review page: the keyboard drives the queue, and decisions are posted in the background through
// the page's own forms (same fields, same access checks; the server answers JSON when asked).
//   j / ↓ next    k / ↑ previous    a approve    r reject    u undo (back to candidates)
//   m merge (the target field; Enter merges, Esc goes back)    e edit the forms (Esc goes back)
//   x select    A / R approve / reject the selection    o or Enter open the concept
// Shortcuts never fire while focus is in a field: typing there types.
'use strict';
(() => {
  const queue = document.getElementById('queue');
  if (!queue) return;
  const status = document.getElementById('queue-status');
  const view = queue.querySelector('input[name="view"]')?.value || 'candidate';
  const items = () => Array.from(queue.querySelectorAll('.review-item'));
  let current = -1;

  const isField = (el) => el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement || (el instanceof HTMLElement && el.isContentEditable);
  const pending = (item) => item.dataset.status === view && !item.classList.contains('merged');

  function focusItem(index) {
    const list = items();
    if (list.length === 0) return;
    current = Math.max(0, Math.min(index, list.length - 1));
    list.forEach((item, i) => item.classList.toggle('current', i === current));
    list[current].focus({ preventScroll: true });
    list[current].scrollIntoView({ block: 'nearest' });
  }

  /** The next item still waiting for a decision, after the current one (wrapping round). */
  function nextPending() {
    const list = items();
    for (let step = 1; step <= list.length; step++) {
      const i = (current + step) % list.length;
      if (pending(list[i])) return i;
    }
    return -1;
  }

  function announce(text) {
    if (status) status.textContent = text;
  }

  function progress() {
    const list = items();
    const left = list.filter(pending).length;
    if (left > 0) return `${list.length - left} of ${list.length} on this page done.`;
    return `All ${list.length} on this page done.`;
  }

  function showError(item, message) {
    let box = item.querySelector('.item-error');
    if (!box) {
      box = document.createElement('p');
      box.className = 'message error item-error';
      box.setAttribute('role', 'alert');
      item.querySelector('.item-head').after(box);
    }
    box.textContent = message;
  }

  async function post(form, fields) {
    const body = new URLSearchParams(new FormData(form));
    for (const [k, v] of Object.entries(fields || {})) {
      if (Array.isArray(v)) {
        body.delete(k);
        for (const x of v) body.append(k, x);
      } else body.set(k, v);
    }
    // getAttribute: form.action would be the buttons named "action".
    const res = await fetch(form.getAttribute('action'), { method: 'POST', body, headers: { Accept: 'application/json' } });
    const data = await res.json().catch(() => ({ error: { message: `the server answered ${res.status}` } }));
    if (!res.ok) throw new Error(data.error?.message || `the server answered ${res.status}`);
    return data;
  }

  function markDecided(item, reviewStatus) {
    item.dataset.status = reviewStatus;
    const badge = item.querySelector('.badge.decision');
    badge.textContent = reviewStatus;
    badge.className = `badge decision ${reviewStatus}`;
    item.classList.toggle('decided', reviewStatus !== view);
    item.querySelector('.item-error')?.remove();
    const box = item.querySelector('input[type="checkbox"][name="id"]');
    if (box) box.checked = false;
  }

  function advance() {
    const next = nextPending();
    if (next >= 0) focusItem(next);
    else {
      announce(progress());
      const link = document.querySelector('.pager a[rel="next"]');
      if (link) link.focus();
    }
  }

  async function decideItems(list, action) {
    if (list.length === 0) return;
    const form = list[0].querySelector('form.decide') || document.getElementById('bulk');
    try {
      const result = await post(form, { action, id: list.map((item) => item.dataset.id) });
      for (const item of list) markDecided(item, result.reviewStatus);
      const label = list.length === 1 ? list[0].querySelector('.open').textContent.trim() : `${list.length} concepts`;
      announce(`${result.reviewStatus === 'candidate' ? 'Back among the candidates' : result.reviewStatus[0].toUpperCase() + result.reviewStatus.slice(1)}: ${label}. ${progress()}`);
      // Move on only when the item in focus was decided (a bulk decision may leave it waiting).
      if (action !== 'reopen' && list.includes(items()[current])) advance();
    } catch (err) {
      showError(list[0], err.message);
    }
  }

  async function merge(item) {
    const form = item.querySelector('form.merge');
    try {
      const result = await post(form);
      item.classList.add('merged', 'decided');
      item.dataset.status = 'merged';
      const badge = item.querySelector('.badge.decision');
      badge.textContent = `merged into #${result.target}`;
      badge.className = 'badge decision merged';
      for (const el of item.querySelectorAll('form button, form select, form input:not([type="hidden"]), input[type="checkbox"]')) el.disabled = true;
      announce(`Merged into #${result.target}. ${progress()}`);
      item.focus();
      advance();
    } catch (err) {
      showError(item, err.message);
      form.querySelector('input[name="into"]').focus();
    }
  }

  async function saveForms(item) {
    const form = item.querySelector('form.forms-edit');
    try {
      const result = await post(form);
      item.querySelector('.item-error')?.remove();
      announce(`Forms saved (${result.changed.length} changed).`);
      item.focus();
    } catch (err) {
      showError(item, err.message);
    }
  }

  // Forms posted with the mouse or Enter go the same way, without reloading the page.
  queue.addEventListener('submit', (event) => {
    const form = event.target;
    const item = form.closest('.review-item');
    if (!item) return;
    event.preventDefault();
    current = items().indexOf(item);
    if (form.classList.contains('decide')) decideItems([item], event.submitter?.value || 'approve');
    else if (form.classList.contains('merge')) merge(item);
    else if (form.classList.contains('forms-edit')) saveForms(item);
  });
  const bulk = document.getElementById('bulk');
  bulk?.addEventListener('submit', (event) => {
    event.preventDefault();
    const selected = items().filter((item) => item.querySelector('input[type="checkbox"][name="id"]')?.checked);
    if (selected.length === 0) announce('Select concepts first (x, or the check boxes).');
    else decideItems(selected, event.submitter?.value || 'approve');
  });

  queue.addEventListener('focusin', (event) => {
    const item = event.target.closest('.review-item');
    if (item) {
      current = items().indexOf(item);
      items().forEach((el) => el.classList.toggle('current', el === item));
    }
  });

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (event.key === 'Escape' && target instanceof Element && target.closest('.review-item') && isField(target)) {
      event.preventDefault();
      focusItem(items().indexOf(target.closest('.review-item')));
      return;
    }
    if (isField(target)) return;
    const list = items();
    if (list.length === 0) return;
    if (current < 0) current = 0;
    const item = list[current];
    switch (event.key) {
      case 'j':
      case 'ArrowDown':
        focusItem(current + 1);
        break;
      case 'k':
      case 'ArrowUp':
        focusItem(current - 1);
        break;
      case 'a':
        decideItems([item], 'approve');
        break;
      case 'r':
        decideItems([item], 'reject');
        break;
      case 'u':
        if (item.dataset.status !== view && !item.classList.contains('merged')) decideItems([item], 'reopen');
        break;
      case 'm': {
        const input = item.querySelector('form.merge input[name="into"]');
        if (!input || input.disabled) return;
        input.focus();
        input.select();
        break;
      }
      case 'e': {
        const select = item.querySelector('form.forms-edit select');
        if (!select || select.disabled) return;
        select.focus();
        break;
      }
      case 'x': {
        const box = item.querySelector('input[type="checkbox"][name="id"]');
        if (box && !box.disabled) box.checked = !box.checked;
        break;
      }
      case 'A':
      case 'R': {
        const selected = list.filter((el) => el.querySelector('input[type="checkbox"][name="id"]')?.checked);
        if (selected.length === 0) announce('Select concepts first (x, or the check boxes).');
        else decideItems(selected, event.key === 'A' ? 'approve' : 'reject');
        break;
      }
      case 'o':
      case 'Enter':
        if (target === item || target === document.body) item.querySelector('a.open')?.click();
        else return;
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  const fromHash = location.hash.startsWith('#item-') ? items().findIndex((el) => `#${el.id}` === location.hash) : -1;
  if (items().length > 0) focusItem(fromHash >= 0 ? fromHash : 0);
})();
