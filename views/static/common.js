// Shared by every page: mark JavaScript as available, one-click copy of any [data-copy] button, and
// the write token typed once per session (pages with many forms would otherwise ask on each).
'use strict';
document.documentElement.classList.remove('no-js');

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (e.g. not a secure context): fall back to a hidden textarea.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

function flashCopied(button, ok) {
  const label = button.dataset.label || button.textContent;
  button.dataset.label = label;
  button.textContent = ok ? 'Copied' : 'Press Ctrl+C';
  button.classList.toggle('copied', ok);
  setTimeout(() => {
    button.textContent = label;
    button.classList.remove('copied');
  }, 1200);
}

document.addEventListener('click', async (event) => {
  const button = event.target instanceof Element ? event.target.closest('button.copy') : null;
  if (!button) return;
  event.preventDefault();
  event.stopPropagation();
  flashCopied(button, await copyText(button.dataset.copy || ''));
});

window.termdesk = { copyText, flashCopied };

document.addEventListener('DOMContentLoaded', () => {
  const KEY = 'termdesk-token';
  const fields = Array.from(document.querySelectorAll('input[name="token"]'));
  if (fields.length === 0) return;
  const saved = sessionStorage.getItem(KEY);
  for (const field of fields) {
    if (saved) field.value = saved;
    field.addEventListener('change', () => {
      sessionStorage.setItem(KEY, field.value);
      for (const other of fields) other.value = field.value;
    });
  }
});
