// Collapsible main menu on small screens; without script the menu simply stays open.
document.querySelectorAll('.site-nav__toggle').forEach(function (button) {
  var menu = document.getElementById(button.getAttribute('aria-controls'));
  if (!menu) return;
  document.documentElement.classList.add('js');
  button.addEventListener('click', function () {
    var open = button.getAttribute('aria-expanded') === 'true';
    button.setAttribute('aria-expanded', String(!open));
    menu.classList.toggle('is-open', !open);
  });
});

// Destructive actions ask first (withdraw a tool, refuse an application, remove a term). Without script the
// form posts at once; its button says plainly what it does.
document.addEventListener('submit', function (event) {
  var form = event.target;
  var question = form instanceof HTMLFormElement ? form.getAttribute('data-confirm') : null;
  if (question && !window.confirm(question)) event.preventDefault();
});

// The accent colour's preview follows the picker (set through the CSS object model: no inline style needed).
document.querySelectorAll('[data-accent-preview]').forEach(function (input) {
  var preview = document.getElementById(input.getAttribute('data-accent-preview'));
  if (!preview) return;
  var show = function () { preview.style.setProperty('--preview', input.value); };
  input.addEventListener('input', show);
  show();
});

// A refused form: its error list takes the focus; an error goes away as soon as its field is changed.
var summary = document.querySelector('.error-summary');
if (summary) summary.focus();
document.addEventListener('input', function (event) {
  var field = event.target;
  if (!(field instanceof HTMLElement) || !field.id) return;
  var error = document.querySelector('[data-valmsg-for="' + (field.getAttribute('name') || '') + '"]');
  if (!error || !error.textContent.trim()) return;
  error.textContent = '';
  field.removeAttribute('aria-invalid');
  field.classList.remove('input-validation-error');
});

// A list's filters fold into their « Filtrer (n) » summary on narrow screens and stay open on wide ones. Sent
// open, so that without script they are simply there.
document.querySelectorAll('details[data-fold-below]').forEach(function (details) {
  var narrow = window.matchMedia('(max-width: ' + details.getAttribute('data-fold-below') + ')');
  var fold = function () { details.open = !narrow.matches; };
  narrow.addEventListener('change', fold);
  fold();
});

// A sort order applies as soon as it is chosen (the field says so); its button stays for pages without script.
document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
  var form = select.form;
  if (!form) return;
  form.querySelectorAll('[data-autosubmit-fallback]').forEach(function (button) { button.hidden = true; });
  select.addEventListener('change', function () { form.requestSubmit(); });
});

// A file's analysis runs after the upload: the verification page asks until it is done, then reloads once.
document.querySelectorAll('[data-analysis-poll]').forEach(function (notice) {
  var url = notice.getAttribute('data-analysis-poll');
  var ask = function () {
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/plain' } })
      .then(function (response) { if (response.status === 200) window.location.reload(); else window.setTimeout(ask, 1500); })
      .catch(function () { window.setTimeout(ask, 5000); });
  };
  window.setTimeout(ask, 1000);
});
