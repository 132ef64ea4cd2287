// Check page: jump to a finding inside the draft panel, and apply a suggestion (replace the span
// in the draft text and check again, so offsets always refer to the text that was checked).
'use strict';
(() => {
  const form = document.getElementById('check-form');
  const area = document.getElementById('draft-text');
  const draft = document.getElementById('draft');
  if (!form || !area) return;

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const link = target.closest('.findings a.where');
    if (link && draft) {
      const mark = document.getElementById(link.getAttribute('href').slice(1));
      if (mark) {
        event.preventDefault();
        draft.querySelectorAll('mark.focus').forEach((m) => m.classList.remove('focus'));
        mark.classList.add('focus');
        mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
        history.replaceState(null, '', link.getAttribute('href'));
      }
      return;
    }
    const apply = target.closest('button.apply');
    if (apply) {
      const item = apply.closest('li.finding');
      const start = Number(item.dataset.start);
      const end = Number(item.dataset.end);
      const text = area.value;
      area.value = text.slice(0, start) + item.dataset.suggestion + text.slice(end);
      // The uploaded file (if any) must not override the edited text.
      const file = document.getElementById('draft-file');
      if (file) file.value = '';
      apply.disabled = true;
      apply.textContent = 'Applied, checking…';
      form.requestSubmit();
    }
  });
})();
