// Concept page: keep the token typed once for the session, so each form does not ask again.
'use strict';
(() => {
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
})();
