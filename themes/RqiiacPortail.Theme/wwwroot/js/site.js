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

// « il y a 2 h »: said again from each <time data-ago>'s moment when the page opens and every minute, as the
// server says it (FrenchText.Ago), so that a page kept by the cache does not age. The full date stays in the title
// and for screen readers.
(function () {
  var months = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juill.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
  var zone = 'America/Toronto';
  var parts = function (date) {
    var p = {};
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(date).forEach(function (x) { p[x.type] = Number(x.value); });
    return p;
  };
  var dayNumber = function (p) { return Date.UTC(p.year, p.month - 1, p.day) / 86400000; };
  var ago = function (date, now) {
    var minutes = Math.floor((now - date) / 60000);
    if (minutes < 1) return "à l'instant";
    if (minutes < 60) return 'il y a ' + minutes + ' min';
    if (minutes < 1440) return 'il y a ' + Math.floor(minutes / 60) + ' h';
    var d = parts(date), n = parts(now), days = dayNumber(n) - dayNumber(d);
    if (days <= 1) return 'hier';
    if (days < 7) return 'il y a ' + days + ' jours';
    return (d.day === 1 ? '1er' : String(d.day)) + ' ' + months[d.month - 1] + (d.year === n.year ? '' : ' ' + d.year);
  };
  var refresh = function () {
    var now = new Date();
    document.querySelectorAll('time[data-ago]').forEach(function (time) {
      var shown = time.querySelector('[aria-hidden="true"]');
      var date = new Date(time.getAttribute('datetime'));
      if (shown && !isNaN(date)) shown.textContent = ago(date, now);
    });
  };
  refresh();
  window.setInterval(refresh, 60000);
  document.addEventListener('portal:content-added', refresh);
})();

// Repeated rows added on demand (an event's workshops, fees, questions): the server sends a few blank ones; the
// script folds them away behind « Ajouter … », which opens the next and puts the cursor in it. Without script the
// blank rows are simply there to fill.
document.querySelectorAll('[data-repeat]').forEach(function (list) {
  var blanks = Array.prototype.slice.call(list.querySelectorAll('[data-repeat-blank]'));
  if (blanks.length === 0) return;
  blanks.forEach(function (row) { row.hidden = true; });
  var add = document.createElement('button');
  add.type = 'button';
  add.className = 'button button--secondary button--small';
  add.textContent = '+ ' + list.getAttribute('data-repeat');
  add.addEventListener('click', function () {
    var next = blanks.shift();
    if (!next) return;
    next.hidden = false;
    var field = next.querySelector('input:not([type=hidden]), select, textarea');
    if (field) field.focus();
    if (blanks.length === 0) add.hidden = true;
  });
  list.after(add);
});

// A part of the page that follows something under way (a bulletin's send): fetched again every few seconds and put
// in place, until the server sends it without a period (the work is done). Without script, a reload does the same.
document.querySelectorAll('[data-refresh][data-refresh-every]').forEach(function (part) {
  var follow = function (current) {
    var seconds = parseInt(current.getAttribute('data-refresh-every'), 10);
    if (!(seconds > 0)) return;
    window.setTimeout(function () {
      fetch(current.getAttribute('data-refresh'), { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) {
          var holder = document.createElement('div');
          holder.innerHTML = html;
          var next = holder.firstElementChild;
          if (!next) return;
          // The same element keeps its place (a live region stays the one screen readers listen to).
          current.innerHTML = next.innerHTML;
          current.setAttribute('data-refresh-every', next.getAttribute('data-refresh-every') || '');
          follow(current);
        })
        .catch(function () { follow(current); });
    }, seconds * 1000);
  };
  follow(part);
});
