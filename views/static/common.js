// Shared by every page: mark JavaScript as available, and one-click copy of any [data-copy] button.
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
